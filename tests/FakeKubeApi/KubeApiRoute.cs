using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>
/// A resource path as kube-apiserver serves it, for the types in <see cref="KubeResources"/>: the collection across
/// namespaces (<c>/api/v1/configmaps</c>, <c>/apis/{group}/{version}/endpointslices</c>), a namespace's collection
/// (<c>.../namespaces/{ns}/{plural}</c>) and one object (<c>.../namespaces/{ns}/{plural}/{name}</c>). Subresources
/// (<c>/status</c>, <c>/scale</c>) are not served.
/// </summary>
internal sealed record KubeApiRoute(KubeResource? Resource, string? Namespace, string? Name)
{
    private static readonly KubeApiRoute Unknown = new(null, null, null);

    public bool Known => Resource is not null;

    public static KubeApiRoute Parse(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        var (group, version, rest) = segments switch
        {
            ["api", "v1", .. var tail] => ("", "v1", tail),
            ["apis", var g, var v, .. var tail] => (g, v, tail),
            _ => ("", "", []),
        };

        return rest switch
        {
            [var plural] => For(group, version, plural, null, null),
            ["namespaces", { Length: > 0 } ns, var plural] => For(group, version, plural, ns, null),
            ["namespaces", { Length: > 0 } ns, var plural, { Length: > 0 } name] => For(group, version, plural, ns, name),
            _ => Unknown,
        };
    }

    private static KubeApiRoute For(string group, string version, string plural, string? @namespace, string? name) =>
        KubeResources.Find(group, version, plural) is { } resource ? new KubeApiRoute(resource, @namespace, name) : Unknown;
}
