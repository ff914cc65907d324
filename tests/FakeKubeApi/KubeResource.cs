using System.Globalization;

namespace FakeKubeApi;

/// <summary>
/// One resource type the fake serves, with what its REST strategy in kube-apiserver does differently from the others.
/// </summary>
/// <param name="Group">API group, empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Plural">The resource name in paths and RBAC rules, e.g. <c>configmaps</c>.</param>
/// <param name="Kind">The object kind, e.g. <c>ConfigMap</c>.</param>
/// <param name="TracksGeneration">Whether metadata.generation starts at 1 and grows with every change of <c>spec</c> (Deployments).</param>
/// <param name="HasStatusSubresource">Whether writes to the object itself leave <c>status</c> alone, as only <c>/status</c> may change it.</param>
/// <param name="EmptyFields">
/// What Go's encoder writes for this kind's zero value after metadata (fields without <c>omitempty</c>, and structs,
/// which <c>omitempty</c> never drops), starting with a comma; a BOOKMARK's object is such a zero value.
/// </param>
internal sealed record KubeResource(string Group, string Version, string Plural, string Kind, bool TracksGeneration, bool HasStatusSubresource, string EmptyFields)
{
    /// <summary><c>v1</c> or <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";

    /// <summary>How kube-apiserver names the resource in error messages: <c>configmaps</c>, <c>leases.coordination.k8s.io</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>How kube-apiserver names the kind in validation errors: <c>ConfigMap</c>, <c>Event.events.k8s.io</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    /// <summary>The object of a BOOKMARK event: this kind's zero value carrying only a resourceVersion.</summary>
    public string Bookmark(long revision) =>
        "{\"kind\":\"" + Kind + "\",\"apiVersion\":\"" + ApiVersion + "\",\"metadata\":{\"resourceVersion\":\"" +
        revision.ToString(CultureInfo.InvariantCulture) + "\",\"creationTimestamp\":null}" + EmptyFields + "}";
}
