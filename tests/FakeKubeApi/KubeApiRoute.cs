using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>
/// The EndpointSlice paths kube-apiserver serves: <c>/apis/discovery.k8s.io/v1/endpointslices</c> (all namespaces),
/// <c>/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices</c> and <c>.../endpointslices/{name}</c>.
/// </summary>
internal sealed record KubeApiRoute(bool Known, string? Namespace, string? Name)
{
    private static readonly KubeApiRoute Unknown = new(false, null, null);

    public static KubeApiRoute Parse(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        if (segments.Length < 4 || segments[0] != "apis" || segments[1] != KubeJson.Group || segments[2] != "v1")
        {
            return Unknown;
        }

        return segments[3..] switch
        {
            [KubeJson.Resource] => new KubeApiRoute(true, null, null),
            ["namespaces", { Length: > 0 } ns, KubeJson.Resource] => new KubeApiRoute(true, ns, null),
            ["namespaces", { Length: > 0 } ns, KubeJson.Resource, { Length: > 0 } name] => new KubeApiRoute(true, ns, name),
            _ => Unknown,
        };
    }
}
