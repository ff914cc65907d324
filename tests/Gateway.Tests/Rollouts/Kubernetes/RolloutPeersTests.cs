using Gateway.Rollouts.Kubernetes;
using static Gateway.Tests.Rollouts.Kubernetes.PeersHarness;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>The peer directory: the ready pods of the management Service's EndpointSlices, by pod name, on the <c>management</c> port.</summary>
public sealed class RolloutPeersTests : IAsyncLifetime
{
    private PeersHarness _k8s = null!;

    public async Task InitializeAsync() => _k8s = await StartAsync();

    public async Task DisposeAsync() => await _k8s.DisposeAsync();

    [Fact]
    public async Task ThreeReadyOneNotReady_ThreePeersOnTheManagementPort()
    {
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090,
            ("127.2.200.11", "canary-gateway-7c9f8b6d5-aaaaa", true),
            ("127.2.200.12", "canary-gateway-7c9f8b6d5-bbbbb", true),
            ("127.2.200.13", "canary-gateway-7c9f8b6d5-ccccc", false),
            ("127.2.200.14", "canary-gateway-7c9f8b6d5-ddddd", true)).Build());
        _k8s.Run();

        await _k8s.WaitForAsync(peers => peers.Count > 0);

        Assert.Equal(
            [
                new RolloutPeer("canary-gateway-7c9f8b6d5-aaaaa", new Uri("http://127.2.200.11:9090")),
                new RolloutPeer("canary-gateway-7c9f8b6d5-bbbbb", new Uri("http://127.2.200.12:9090")),
                new RolloutPeer("canary-gateway-7c9f8b6d5-ddddd", new Uri("http://127.2.200.14:9090")),
            ],
            _k8s.Peers.Current);
        Assert.Equal(new Uri("http://127.2.200.12:9090"), _k8s.Peers.Find("canary-gateway-7c9f8b6d5-bbbbb")?.Management);
        Assert.Null(_k8s.Peers.Find("canary-gateway-7c9f8b6d5-ccccc"));
        Assert.Contains(_k8s.Api.Requests.Lists, r => r.LabelSelector == $"kubernetes.io/service-name={Service}");
    }

    [Fact]
    public async Task SliceUpdate_PodRemoved_NoLongerAPeer()
    {
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.21", "gw-a", true), ("127.2.200.22", "gw-b", true), ("127.2.200.23", "gw-c", true)).Build());
        _k8s.Run();
        await _k8s.WaitForAsync(peers => peers.Count == 3);

        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.21", "gw-a", true), ("127.2.200.23", "gw-c", true)).Build());
        await _k8s.WaitForAsync(peers => peers.Count == 2);

        Assert.Equal(["gw-a", "gw-c"], _k8s.Peers.Current.Select(p => p.Identity));
        Assert.Null(_k8s.Peers.Find("gw-b"));
    }

    [Fact]
    public async Task WatchExpired_ReListsAndSeesWhatChangedMeanwhile()
    {
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.31", "gw-a", true)).Build());
        _k8s.Run();
        await _k8s.WaitForAsync(peers => peers.Count == 1);
        await _k8s.Api.WaitForOpenWatchesAsync(1, WaitTimeout);
        var listsBefore = _k8s.Api.Requests.ListCount;
        var before = _k8s.Api.Requests.LastSequence;

        // The change happens while no watch is open, and its history is compacted away: only a re-list can see it.
        _k8s.Api.Compact();
        _k8s.Api.CutWatchStreams();
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.31", "gw-a", true), ("127.2.200.32", "gw-b", true)).Build());
        _k8s.Api.Compact();

        await _k8s.Api.Requests.WaitForListAsync(r => r.Sequence > before, WaitTimeout);
        await _k8s.WaitForAsync(peers => peers.Count == 2);
        Assert.True(_k8s.Api.Requests.ListCount > listsBefore);
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("expired", StringComparison.Ordinal) && e.Message.Contains("re-listing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiAway_KeepsTheLastPeers_ThenCatchesUp()
    {
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.41", "gw-a", true), ("127.2.200.42", "gw-b", true)).Build());
        _k8s.Run();
        await _k8s.WaitForAsync(peers => peers.Count == 2);

        await _k8s.Api.SetOutageAsync(true);
        await _k8s.Logs.WaitForAsync(e => e.Message.Contains("keeping the last known peers", StringComparison.Ordinal), WaitTimeout);
        var during = _k8s.Peers.Current;
        _k8s.Api.UpsertSlice(Slice("mgmt-1", 9090, ("127.2.200.41", "gw-a", true)).Build());
        await _k8s.Api.SetOutageAsync(false);
        await _k8s.WaitForAsync(peers => peers.Count == 1);

        Assert.Equal(["gw-a", "gw-b"], during.Select(p => p.Identity));
        Assert.True(_k8s.Peers.Synced);
    }

    [Fact]
    public async Task DualStackAndUnusableEndpoints_OnePeerPerPod_IPv6InBrackets()
    {
        _k8s.Api.UpsertSlice(Slice("mgmt-v6", 9090, ("fd00::a", "gw-a", true), ("fd00::b", "gw-b", true), ("fd00::c", null, true)).AddressType("IPv6").Build());
        _k8s.Api.UpsertSlice(Slice("mgmt-v4", 9090, ("127.2.200.51", "gw-a", true)).Build());
        _k8s.Api.UpsertSlice(EndpointSliceBuilderWithoutManagementPort());
        _k8s.Run();

        await _k8s.WaitForAsync(peers => peers.Count > 0);

        Assert.Equal(
            [new RolloutPeer("gw-a", new Uri("http://127.2.200.51:9090")), new RolloutPeer("gw-b", new Uri("http://[fd00::b]:9090"))],
            _k8s.Peers.Current);
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("no port named 'management'", StringComparison.Ordinal));
        Assert.Contains(_k8s.Logs.Entries, e => e.Message.Contains("1 ready endpoint(s) without a targetRef name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoSlices_SyncedWithNoPeers()
    {
        _k8s.Run();

        await _k8s.WaitForAsync(peers => true);

        Assert.True(_k8s.Peers.Synced);
        Assert.Empty(_k8s.Peers.Current);
    }

    private static k8s.Models.V1EndpointSlice EndpointSliceBuilderWithoutManagementPort() =>
        FakeKubeApi.EndpointSliceBuilder.For(Service, Namespace).Name("mgmt-http-only").Port(8080, "http").Endpoint("127.2.200.52", pod: "gw-z").Build();
}
