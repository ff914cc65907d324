using System.Net;
using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Discovery;

/// <summary>Kubernetes discovery against the fake API server, through the real KubernetesClient.</summary>
public sealed class KubernetesDiscoveryTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
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
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (_stable[1], true), (_stable[2], true)));
        _k8s.Api.UpsertSlice(Slice(CanaryService, "canary-1", (_canary, true)));
    }

    public Task DisposeAsync() => _k8s.DisposeAsync().AsTask();

    [Fact]
    public async Task Start_BothServicesListed_ReadyAndRoutingBothTracks()
    {
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=0");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));

        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        Assert.StartsWith("1.0-", await VersionAsync(gateway, "foo.bar"), StringComparison.Ordinal);
        Assert.Equal("2.0-a", await VersionAsync(gateway, "canary.foo.bar"));
        Assert.Contains(_k8s.Api.Requests.Lists, r => r.LabelSelector == $"kubernetes.io/service-name={StableService}");
        Assert.Contains(_k8s.Api.Requests.Watches, r => r.LabelSelector == $"kubernetes.io/service-name={CanaryService}" && r.AllowWatchBookmarks == true);
    }

    [Fact]
    public async Task SliceChanges_AddedPodGetsTraffic_NotReadyPodGetsNone()
    {
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=0");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        var added = await _k8s.StartPodAsync("1.0-d");

        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], false), (_stable[1], true), (_stable[2], true), (added, true)));
        await WaitForIdsAsync(gateway, [_stable[1], _stable[2], added, _canary]);
        var served = await ServedVersionsAsync(gateway, 60);

        Assert.Contains("1.0-d", served);
        Assert.DoesNotContain("1.0-a", served);
    }

    [Fact]
    public async Task SeveralSlicesPerService_AreMerged_DeletingOneRemovesItsEndpoints()
    {
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true)));
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-2", (_stable[1], true), (_stable[2], null)));
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=0");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));

        _k8s.Api.DeleteSlice(Namespace, "stable-2");

        await WaitForIdsAsync(gateway, [_stable[0], _canary]);
        Assert.Equal(["1.0-a"], await ServedVersionsAsync(gateway, 10));
    }

    [Fact]
    public async Task SameAddressInTwoSlices_IsOneEndpoint()
    {
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-2", (_stable[0], true)));
        await using var gateway = await _k8s.StartGatewayAsync();

        await WaitForIdsAsync(gateway, _stable.Append(_canary));

        Assert.Equal(3, gateway.Service<EndpointCatalog>().Current.Stable.Length);
        Assert.Equal(25, gateway.Service<CanaryRulesProvider>().Current.EffectiveWeight);
    }

    [Fact]
    public async Task WatchExpired410_ReListsWithoutLosingEndpoints()
    {
        await using var gateway = await _k8s.StartGatewayAsync();
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        var emptied = 0;
        gateway.Service<EndpointCatalog>().Changed += s => emptied += s.Stable.IsEmpty || s.Canary.IsEmpty ? 1 : 0;
        var listsBefore = _k8s.Api.Requests.ListCount;
        var before = _k8s.Api.Requests.LastSequence;

        var added = await _k8s.StartPodAsync("1.0-d");
        _k8s.Api.Compact();
        _k8s.Api.CutWatchStreams();
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (_stable[1], true), (_stable[2], true), (added, true)));
        _k8s.Api.Compact();

        await _k8s.Api.Requests.WaitForListAsync(r => r.Sequence > before, Timeout);
        await WaitForIdsAsync(gateway, [.. _stable, added, _canary]);
        Assert.True(_k8s.Api.Requests.ListCount > listsBefore);
        Assert.Equal(0, emptied);
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("expired", StringComparison.Ordinal) && e.Message.Contains("re-listing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CutStream_ResumesFromLastResourceVersion_WithoutReList()
    {
        await using var gateway = await _k8s.StartGatewayAsync();
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        await _k8s.Api.WaitForOpenWatchesAsync(2, Timeout);
        var listsBefore = _k8s.Api.Requests.ListCount;
        var before = _k8s.Api.Requests.LastSequence;
        var lastVersion = _k8s.Api.ResourceVersion;

        _k8s.Api.CutWatchStreams();
        var rewatch = await _k8s.Api.Requests.WaitForWatchAsync(r => r.Sequence > before && r.LabelSelector!.EndsWith(StableService, StringComparison.Ordinal), Timeout);
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true)));
        await WaitForIdsAsync(gateway, [_stable[0], _canary]);

        Assert.Equal(lastVersion, rewatch.ResourceVersion);
        Assert.Equal(listsBefore, _k8s.Api.Requests.ListCount);
    }

    [Fact]
    public async Task ApiOutage10Seconds_KeepsRoutingToLastKnownEndpoints_ThenRecovers()
    {
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=50");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        using var client = gateway.CreateRawClient();

        await _k8s.Api.SetOutageAsync(true);
        var outageEnds = DateTime.UtcNow.AddSeconds(10);
        var sent = 0;
        while (DateTime.UtcNow < outageEnds)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            sent++;
        }

        Assert.Contains(_k8s.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Kubernetes API error", StringComparison.Ordinal));
        await _k8s.Api.SetOutageAsync(false);
        var added = await _k8s.StartPodAsync("1.0-d");
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (added, true)));

        await WaitForIdsAsync(gateway, [_stable[0], added, _canary]);
        Assert.True(sent > 100, $"only {sent} requests during the outage");
    }

    [Fact]
    public async Task ApiOutageDuringLoad_ZeroFailedRequests_DiscoveryRecovers()
    {
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=25");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        await using var load = SteadyLoad.Start(() => gateway.CreateUserClient(), 4, _ => new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
        await load.WaitForRequestsAsync(100, Timeout);

        await _k8s.Api.SetOutageAsync(true);
        await load.WaitForRequestsAsync(1_000, Timeout);
        await _k8s.Api.SetOutageAsync(false);
        var added = await _k8s.StartPodAsync("1.0-d");
        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (_stable[1], true), (_stable[2], true), (added, true)));
        await WaitForIdsAsync(gateway, [.. _stable, added, _canary]);
        await load.WaitForRequestsAsync(100, Timeout);
        await load.StopAsync();

        output.WriteLine($"API outage under load: {load.Sent} requests, {load.Failures.Count} failed");
        Assert.Empty(load.Failures);
        Assert.True(load.Sent > 1_200);
    }

    [Fact]
    public async Task ApiUnreachableAtStart_NotReadyUntilListed()
    {
        await _k8s.Api.SetOutageAsync(true);
        await using var gateway = await _k8s.StartGatewayAsync();
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);

        using var notReady = await management.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var unrouted = await gateway.CreateRawClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
        await _k8s.Api.SetOutageAsync(false);
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        await WaitForSyncedAsync(gateway);
        using var ready = await management.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unrouted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task InvalidObjects_AreSkippedWithALog_ValidOnesStillRoute()
    {
        _k8s.Api.UpsertRawSlice($$$"""
            {"metadata":{"name":"fqdn","namespace":"{{{Namespace}}}","labels":{"kubernetes.io/service-name":"{{{StableService}}}"}},
             "addressType":"FQDN","endpoints":[{"addresses":["pod.example"]}],"ports":[{"name":"http","port":8080}]}
            """);
        _k8s.Api.UpsertRawSlice($$$"""
            {"metadata":{"name":"no-ports","namespace":"{{{Namespace}}}","labels":{"kubernetes.io/service-name":"{{{StableService}}}"}},
             "addressType":"IPv4","endpoints":[{"addresses":["127.2.250.1"]}]}
            """);
        _k8s.Api.UpsertRawSlice($$$"""
            {"metadata":{"name":"no-addresses","namespace":"{{{Namespace}}}","labels":{"kubernetes.io/service-name":"{{{StableService}}}"}},
             "addressType":"IPv4","endpoints":[{"conditions":{"ready":true}},{"addresses":[]},{"addresses":["not-an-ip"]}],"ports":[{"port":8080}]}
            """);

        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Canary:Weight=0");
        await WaitForIdsAsync(gateway, _stable.Append(_canary));

        Assert.Equal(3, (await ServedVersionsAsync(gateway, 30)).Count);
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("fqdn", StringComparison.Ordinal) && e.Message.Contains("address type 'FQDN'", StringComparison.Ordinal));
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("no-ports", StringComparison.Ordinal) && e.Message.Contains("no ports", StringComparison.Ordinal));
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("no-addresses", StringComparison.Ordinal) && e.Message.Contains("3 endpoint(s) without a valid IP address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NamedPort_IsChosen_OtherwiseTheOnlyPort()
    {
        var slice = KubernetesHarness.Slice(StableService, "stable-1", (_stable[0], true));
        slice.Ports.Insert(0, new k8s.Models.Discoveryv1EndpointPort { Name = "metrics", Port = 9999 });
        _k8s.Api.UpsertSlice(slice);
        await using var gateway = await _k8s.StartGatewayAsync("Gateway:Tracks:Stable:PortName=http", "Gateway:Canary:Weight=0");

        await WaitForIdsAsync(gateway, [_stable[0], _canary]);

        Assert.Equal(["1.0-a"], await ServedVersionsAsync(gateway, 5));
    }

    [Fact]
    public async Task BurstOfSliceChanges_CoalescedIntoFewConfigUpdates()
    {
        await using var gateway = await _k8s.StartGatewayAsync();
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        var added = await _k8s.StartPodAsync("1.0-d");
        var publishes = 0;
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Counted and signalled by one handler, in that order: waiting on YARP's destinations instead could return
        // before this handler ran for the last publish (the proxy config provider's handler runs first), reading 0.
        gateway.Service<EndpointCatalog>().Changed += snapshot =>
        {
            Interlocked.Increment(ref publishes);
            if (snapshot.ReadyCount(Track.Stable) == 4)
            {
                settled.TrySetResult();
            }
        };

        for (var i = 0; i < 20; i++)
        {
            // Alternate readiness of pod b, ending ready: 20 watch events for the same Service.
            _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (_stable[1], i % 2 == 1), (_stable[2], true)));
        }

        _k8s.Api.UpsertSlice(Slice(StableService, "stable-1", (_stable[0], true), (_stable[1], true), (_stable[2], true), (added, true)));
        await settled.Task.WaitAsync(Timeout);
        await WaitForIdsAsync(gateway, [.. _stable, added, _canary]);

        // 21 changes within milliseconds; one update per burst window (100 ms), so a handful at most even on a slow machine.
        Assert.InRange(Volatile.Read(ref publishes), 1, 6);
    }

    [Fact]
    public async Task Status_ReportsWatchesAndResourceVersion()
    {
        await using var gateway = await _k8s.StartGatewayAsync();
        await WaitForIdsAsync(gateway, _stable.Append(_canary));
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);

        var body = await management.GetStringAsync(new Uri("/status", UriKind.Relative));
        Assert.True(body.StartsWith('{'), body);
        using var status = System.Text.Json.JsonDocument.Parse(body);
        var discovery = status.RootElement.GetProperty("discovery");

        Assert.Equal("Kubernetes", discovery.GetProperty("mode").GetString());
        Assert.Equal(Namespace, discovery.GetProperty("namespace").GetString());
        var services = discovery.GetProperty("services").EnumerateArray().ToArray();
        Assert.Equal([StableService, CanaryService], services.Select(s => s.GetProperty("service").GetString()));
        Assert.All(services, s => Assert.True(s.GetProperty("synced").GetBoolean()));
    }

    [Fact]
    public async Task MissingKubeconfig_FailsStartupNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<Gateway.Configuration.GatewayConfigurationException>(() =>
            GatewayInstance.StartAsync([], [], ["Gateway:Discovery=Kubernetes", "Gateway:Kubernetes:Kubeconfig=/nonexistent/kubeconfig"]));

        Assert.Equal("Gateway:Kubernetes:Kubeconfig '/nonexistent/kubeconfig' does not exist.", error.Message);
    }

    private static string Id(string track, Backend pod) => $"{track}/{pod.Address}:{TestSupport.Loopback.PodPort}";

    private Task WaitForIdsAsync(GatewayInstance gateway, IEnumerable<Backend> pods)
    {
        var expected = pods.Select(p => Id(p == _canary ? "canary" : "stable", p)).Order(StringComparer.Ordinal).ToArray();
        return gateway.Service<ProxyConfigSignal>().WaitForDestinationsAsync(ids => ids.SequenceEqual(expected), Timeout);
    }

    private static Task WaitForSyncedAsync(GatewayInstance gateway) => WaitForSnapshotAsync(gateway, s => s.Synced, Timeout);

    private static async Task<string> VersionAsync(GatewayInstance gateway, string host)
    {
        using var client = gateway.CreateRawClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } });
        return Responses.VersionOf(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HashSet<string>> ServedVersionsAsync(GatewayInstance gateway, int requests)
    {
        var versions = new HashSet<string>();
        using var client = gateway.CreateRawClient();
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } });
            versions.Add(Responses.VersionOf(await response.Content.ReadAsStringAsync()));
        }

        return versions;
    }
}
