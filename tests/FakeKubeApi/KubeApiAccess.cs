namespace FakeKubeApi;

/// <summary>
/// What a request needs RBAC to allow, as kube-apiserver's authorizer sees it: the verb, the API group and resource,
/// and the object name — the path's, or for a list or watch the one named by <c>fieldSelector=metadata.name=x</c>,
/// which is how a Role's <c>resourceNames</c> can allow a list or watch of one object. A create has no name, so
/// <c>resourceNames</c> cannot restrict it.
/// </summary>
/// <param name="Verb">get, list, watch, create, update, patch or delete.</param>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Resource">Resource, e.g. <c>configmaps</c>.</param>
/// <param name="Name">Object name, or null.</param>
public sealed record KubeApiAccess(string Verb, string Group, string Resource, string? Name)
{
    /// <summary>E.g. <c>update configmaps/canary-gateway-rollout</c>, <c>create leases.coordination.k8s.io</c>.</summary>
    public override string ToString() =>
        Verb + " " + Resource + (Group.Length == 0 ? "" : "." + Group) + (Name is null ? "" : "/" + Name);

    /// <summary>The RBAC verb of <paramref name="verb"/>; null for <see cref="KubeApiVerb.Other"/>.</summary>
    public static string? VerbName(KubeApiVerb verb) => verb switch
    {
        KubeApiVerb.Get => "get",
        KubeApiVerb.List => "list",
        KubeApiVerb.Watch => "watch",
        KubeApiVerb.Create => "create",
        KubeApiVerb.Update => "update",
        KubeApiVerb.Patch => "patch",
        KubeApiVerb.Delete => "delete",
        _ => null,
    };
}
