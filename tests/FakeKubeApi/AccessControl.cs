using k8s.Models;

namespace FakeKubeApi;

/// <summary>
/// Simulated RBAC: single requests forbidden on purpose (<see cref="FakeKubeApiServer.Forbid"/>), and optionally a
/// Role's rules, outside which everything is forbidden (<see cref="FakeKubeApiServer.SetRbacRules"/>), matched the way
/// the RBAC authorizer matches a namespaced Role's rules.
/// </summary>
internal sealed class AccessControl
{
    private readonly Lock _lock = new();
    private readonly List<RequestMatch> _forbidden = [];
    private V1PolicyRule[]? _rules;

    public void Forbid(RequestMatch match)
    {
        lock (_lock)
        {
            _forbidden.Add(match);
        }
    }

    public void ClearForbidden()
    {
        lock (_lock)
        {
            _forbidden.Clear();
        }
    }

    public void SetRules(IEnumerable<V1PolicyRule>? rules)
    {
        var copy = rules?.ToArray();
        lock (_lock)
        {
            _rules = copy;
        }
    }

    public bool Denies(KubeApiVerb verb, KubeApiAccess access)
    {
        lock (_lock)
        {
            return _forbidden.Exists(f => (f.Verb is null || f.Verb == verb) && (f.Resource is null || f.Resource == access.Resource) && (f.Name is null || f.Name == access.Name))
                || (_rules is not null && !Array.Exists(_rules, rule => Allows(rule, access)));
        }
    }

    private static bool Allows(V1PolicyRule rule, KubeApiAccess access) =>
        Covers(rule.Verbs, access.Verb)
        && Covers(rule.ApiGroups, access.Group)
        && Covers(rule.Resources, access.Resource)
        // A rule with resourceNames never allows a request without a name (create, or a list without metadata.name=).
        && (rule.ResourceNames is not { Count: > 0 } names || (access.Name is not null && names.Contains(access.Name)));

    private static bool Covers(IList<string>? values, string value) => values is not null && (values.Contains("*") || values.Contains(value));
}
