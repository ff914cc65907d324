using System.Net;
using System.Text.Json;
using FakeKubeApi;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Discovery;

/// <summary>
/// A track whose Service has no endpoints, or does not exist, is a valid state ("no canary"): the gateway must still
/// become ready, even when that Service's list answers after the other track was already published.
/// </summary>
public sealed class EmptyServiceReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CanaryListDelay = TimeSpan.FromMilliseconds(500);
    private KubernetesHarness _k8s = null!;
    private Backend _stable = null!;

    public async Task InitializeAsync()
    {
        _k8s = await StartAsync();
        _stable = await _k8s.StartPodAsync("1.0-a");
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable, true)));

        // The canary's first list answers well after the stable one has been published on its own.
        _k8s.Api.DelayNextRequests(1, CanaryListDelay, KubeApiVerb.List, $"{EndpointSliceBuilder.ServiceNameLabel}={CanaryService}");
    }

    public Task DisposeAsync() => _k8s.DisposeAsync().AsTask();

    [Fact]
    public async Task CanaryServiceWithoutEndpoints_ListedAfterStable_BecomesReady()
    {
        // What the endpointslice controller leaves for a Service whose Deployment is scaled to 0.
        _k8s.Api.UpsertSlice(Slice(CanaryService, "canary-1"));
        await using var gateway = await _k8s.StartGatewayAsync();

        await WaitForSnapshotAsync(gateway, s => s.Synced, Timeout);
        await WaitForDestinationAsync(gateway, "stable", _stable);
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        using var ready = await management.GetAsync(new Uri("/readyz", UriKind.Relative));
        var services = await ServicesAsync(management);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("1.0-a", await VersionAsync(gateway));
        Assert.All(services, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("warning").ValueKind));
        Assert.DoesNotContain(_k8s.Logs.Entries, e => e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CanaryServiceMissing_Ready_WarnsInLogAndStatus()
    {
        await using var gateway = await _k8s.StartGatewayAsync();

        await WaitForSnapshotAsync(gateway, s => s.Synced, Timeout);
        await WaitForDestinationAsync(gateway, "stable", _stable);
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        using var ready = await management.GetAsync(new Uri("/readyz", UriKind.Relative));
        var services = await ServicesAsync(management);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("1.0-a", await VersionAsync(gateway));
        Assert.Equal(JsonValueKind.Null, services[0].GetProperty("warning").ValueKind);
        var warning = services[1].GetProperty("warning").GetString();
        Assert.Contains($"kubernetes.io/service-name={CanaryService}", warning, StringComparison.Ordinal);
        Assert.Contains("does not exist", warning, StringComparison.Ordinal);
        Assert.True(services[1].GetProperty("synced").GetBoolean());
        Assert.Contains(_k8s.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(CanaryService, StringComparison.Ordinal) && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CanaryServiceCreatedLater_WarningClears_CanaryRouted()
    {
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=0");
        await WaitForSnapshotAsync(gateway, s => s.Synced, Timeout);
        var canary = await _k8s.StartPodAsync("2.0-a");

        _k8s.Api.UpsertSlice(Slice(CanaryService, "canary-1", (canary, true)));
        await WaitForDestinationAsync(gateway, "canary", canary);
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        var services = await ServicesAsync(management);

        Assert.All(services, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("warning").ValueKind));
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains($"Service {CanaryService} has EndpointSlices again", StringComparison.Ordinal));
        Assert.Equal("2.0-a", await VersionAsync(gateway, "canary.foo.bar"));
    }

    private static Task WaitForDestinationAsync(GatewayInstance gateway, string track, Backend pod) =>
        gateway.Service<ProxyConfigSignal>().WaitForDestinationsAsync(ids => ids.Contains($"{track}/{pod.Address}:{TestSupport.Loopback.PodPort}"), Timeout);

    private static async Task<JsonElement[]> ServicesAsync(HttpClient management)
    {
        var body = await management.GetStringAsync(new Uri("/status", UriKind.Relative));
        using var status = JsonDocument.Parse(body);
        return [.. status.RootElement.GetProperty("discovery").GetProperty("services").EnumerateArray().Select(s => s.Clone())];
    }

    private static async Task<string> VersionAsync(GatewayInstance gateway, string host = "foo.bar")
    {
        using var client = gateway.CreateRawClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } });
        return Responses.VersionOf(await response.Content.ReadAsStringAsync());
    }
}
