using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>The two Services of the manifests, as slices the endpointslice controller would write.</summary>
internal static class Slices
{
    public const string Namespace = "production";
    public const string Stable = "kubeapp-production-service";
    public const string Canary = "kubeapp-canary-service";
    public const string StableSelector = EndpointSliceBuilder.ServiceNameLabel + "=" + Stable;
    public const string CanarySelector = EndpointSliceBuilder.ServiceNameLabel + "=" + Canary;

    public static V1EndpointSlice For(string service, string name, params string[] addresses)
    {
        var builder = EndpointSliceBuilder.For(service, Namespace).Name(name).Port(8080, "http");
        foreach (var address in addresses)
        {
            builder.Endpoint(address);
        }

        return builder.Build();
    }
}
