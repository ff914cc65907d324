using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>k8s/ingress: the original's canary by host name.</summary>
public sealed class IngressManifestTests
{
    private readonly ManifestFolder _ingress = ManifestFolder.Load("ingress");

    [Theory]
    [InlineData("kubeapp-production-service", "production")]
    [InlineData("kubeapp-canary-service", "canary")]
    public void TrackService_Spec_IsANodePortFrom80To8080SelectingAppAndEnv(string name, string env)
    {
        var service = _ingress.Get<V1Service>(name);

        Assert.Equal("NodePort", service.Spec.Type);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "kubeapp", ["env"] = env }, service.Spec.Selector);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((80, "8080"), (port.Port, port.TargetPort.Value));
        Assert.Equal($"kubeapp-{env}", Assert.Single(_ingress.DeploymentsSelectedBy(service.Spec.Selector)).Metadata.Name);
    }

    [Fact]
    public void AppIngress_Rules_RouteCanaryHostToCanaryAndEverythingElseToProduction()
    {
        var ingress = _ingress.Get<V1Ingress>("app-ingress");

        var routes = ingress.Spec.Rules.ToDictionary(r => r.Host, r => Assert.Single(r.Http.Paths));

        Assert.Equal("kubeapp-production-service", ingress.Spec.DefaultBackend.Service.Name);
        Assert.Equal(80, ingress.Spec.DefaultBackend.Service.Port.Number);
        Assert.Equal(["canary.foo.bar", "foo.bar"], routes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kubeapp-canary-service", routes["canary.foo.bar"].Backend.Service.Name);
        Assert.Equal("kubeapp-production-service", routes["foo.bar"].Backend.Service.Name);
        Assert.All(routes.Values, p => Assert.Equal(("/", "Prefix", 80), (p.Path, p.PathType, p.Backend.Service.Port.Number)));
    }
}
