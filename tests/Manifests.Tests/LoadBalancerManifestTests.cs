using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>k8s/lb: the original's canary by replica ratio.</summary>
public sealed class LoadBalancerManifestTests
{
    private readonly ManifestFolder _lb = ManifestFolder.Load("lb");

    [Fact]
    public void AppLb_Spec_IsALoadBalancerFromPort80To8080()
    {
        var service = _lb.Get<V1Service>("app-lb");

        Assert.Equal("LoadBalancer", service.Spec.Type);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(80, port.Port);
        Assert.Equal("8080", port.TargetPort.Value);
    }

    [Fact]
    public void AppLb_Selector_SelectsBothTracksSoTheCanaryGetsOneReplicaInFour()
    {
        var service = _lb.Get<V1Service>("app-lb");

        var selected = _lb.DeploymentsSelectedBy(service.Spec.Selector);

        Assert.Equal(new Dictionary<string, string> { ["app"] = "kubeapp" }, service.Spec.Selector);
        Assert.Equal(["kubeapp-canary", "kubeapp-production"], selected.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));
        var canary = selected.Single(d => d.Metadata.Name == "kubeapp-canary").Spec.Replicas;
        Assert.Equal(0.25, (double)canary! / selected.Sum(d => d.Spec.Replicas!.Value));
    }
}
