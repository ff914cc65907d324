using System.Net;
using FakeKubeApi;
using Gateway.Canary;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using k8s.Models;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Discovery;

/// <summary>
/// A dual-stack Service has one IPv4 and one IPv6 EndpointSlice listing the same pods. Each address is a destination,
/// but the proportional weight counts each pod once, as the Service itself would split.
/// </summary>
public sealed class DualStackServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private KubernetesHarness _k8s = null!;
    private Backend[] _stable = [];
    private Backend _canary = null!;

    public async Task InitializeAsync()
    {
        _k8s = await StartAsync();
        _stable = [await _k8s.StartPodAsync("1.0-a"), await _k8s.StartPodAsync("1.0-b"), await _k8s.StartPodAsync("1.0-c")];
        _canary = await _k8s.StartPodAsync("2.0-a");
    }

    public Task DisposeAsync() => _k8s.DisposeAsync().AsTask();

    // Both dual-stack is the usual case (each side doubled, so even counting addresses gave 25 %); one side
    // single-stack happens when a Service predates the cluster's move to dual-stack, which leaves existing Services as
    // they were, or has ipFamilyPolicy SingleStack: counting addresses made that 1:6 (14.3 %) or 2:3 (40 %).
    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ProportionalWeight_DualStackPodsCountedOnce_BothAddressesRouted(bool stableDualStack, bool canaryDualStack)
    {
        var expected = UpsertService(StableService, "kubeapp-production-5d9c7", _stable, stableDualStack)
            .Concat(UpsertService(CanaryService, "kubeapp-canary-7f6b8", [_canary], canaryDualStack))
            .Order(StringComparer.Ordinal)
            .ToArray();
        await using var gateway = await _k8s.StartGatewayAsync();

        await gateway.Service<ProxyConfigSignal>().WaitForDestinationsAsync(ids => ids.SequenceEqual(expected), Timeout);
        var rules = gateway.Service<CanaryRulesProvider>().Current;

        Assert.Equal(WeightSource.Proportional, rules.WeightSource);
        Assert.Equal(25, rules.EffectiveWeight);
        Assert.Equal(stableDualStack ? 6 : 3, gateway.Service<Gateway.Tracks.EndpointCatalog>().Current.ReadyCount(Track.Stable));
    }

    /// <summary>
    /// Writes the Service's slices as the endpointslice controller does: an IPv4 one and, dual-stack, an IPv6 one with
    /// the same pods (targetRef). The IPv6 address is the IPv4-mapped form of the pod's loopback address, so it is a
    /// genuine IPv6 destination that still reaches the pod. Returns the expected destination ids.
    /// </summary>
    private List<string> UpsertService(string service, string replicaSet, Backend[] pods, bool dualStack)
    {
        var track = service == CanaryService ? "canary" : "stable";
        var families = dualStack ? new[] { "IPv4", "IPv6" } : ["IPv4"];
        var ids = new List<string>();
        foreach (var family in families)
        {
            var builder = EndpointSliceBuilder.For(service, Namespace).Name($"{service}-{family.ToLowerInvariant()}").AddressType(family).Port(TestSupport.Loopback.PodPort, "http");
            foreach (var pod in pods)
            {
                var address = family == "IPv4" ? pod.Address : pod.Address.MapToIPv6();
                builder.Endpoint(address.ToString(), pod: $"{replicaSet}-{pod.Version}");
                ids.Add($"{track}/{(family == "IPv4" ? address.ToString() : $"[{address}]")}:{TestSupport.Loopback.PodPort}");
            }

            _k8s.Api.UpsertSlice(builder.Build());
        }

        return ids;
    }
}
