using k8s.Models;

namespace FakeKubeApi;

/// <summary>Simulated RBAC: 403 Forbidden, worded as kube-apiserver's authorizer words it, for what is not allowed.</summary>
public sealed partial class FakeKubeApiServer
{
    /// <summary>
    /// Answers every later request of <paramref name="verb"/> on <paramref name="resource"/> (e.g. <c>configmaps</c>;
    /// only for object <paramref name="name"/> when given — the path's name, or a list's or watch's
    /// <c>fieldSelector=metadata.name=</c>) with 403 Forbidden, as a Role lacking that rule would, until
    /// <see cref="ClearForbidden"/>. A forbidden write changes nothing.
    /// </summary>
    public void Forbid(KubeApiVerb verb, string resource, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        _access.Forbid(new RequestMatch(verb, resource, name));
    }

    /// <summary>Lifts every <see cref="Forbid"/>.</summary>
    public void ClearForbidden() => _access.ClearForbidden();

    /// <summary>
    /// Allows only what <paramref name="rules"/> allow, matched as the RBAC authorizer matches a namespaced Role's
    /// rules (verbs, apiGroups, resources, resourceNames; <c>*</c> wildcards): anything else gets 403 Forbidden.
    /// Pass the <c>Rules</c> of the Role in the manifests to run a client with exactly its permissions. <c>null</c>
    /// (the default) allows everything again.
    /// </summary>
    public void SetRbacRules(IEnumerable<V1PolicyRule>? rules) => _access.SetRules(rules);
}
