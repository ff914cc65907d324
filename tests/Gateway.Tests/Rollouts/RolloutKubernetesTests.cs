using System.Net;
using System.Text.Json;
using FakeKubeApi;
using Gateway.Rollouts;
using Gateway.Tests.Discovery;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using TestSupport;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// Kubernetes mode against the fake API server: the revision is the canary's ReplicaSets (pod names without their last
/// <c>-suffix</c>), so a canary's own rolling update starts one rollout, and flapping or scaling start none.
/// </summary>
public sealed class RolloutKubernetesTests : IAsyncLifetime
{
    private const string ReplicaSetA = "kubeapp-canary-5f7c8d9b4";
    private const string ReplicaSetB = "kubeapp-canary-6b8d7f5c9";
    private const string ReplicaSetC = "kubeapp-canary-7d4b9c6f5";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private KubernetesHarness _k8s = null!;
    private GatewayInstance? _gateway;
    private HttpClient? _management;

    public async Task InitializeAsync()
    {
        _k8s = await StartAsync();
        var stable = EndpointSliceBuilder.For(StableService, Namespace).Name("stable-1").Port(Loopback.PodPort, "http");
        foreach (var pod in new[] { "kubeapp-production-7c9f8b6d5-a1b2c", "kubeapp-production-7c9f8b6d5-d3e4f", "kubeapp-production-7c9f8b6d5-g5h6i" })
        {
            stable.Endpoint(Address(), pod: pod);
        }

        _k8s.Api.UpsertSlice(stable.Build());
    }

    public async Task DisposeAsync()
    {
        _management?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _k8s.DisposeAsync();
    }

    [Fact]
    public async Task CanaryRollingUpdate_OldToOldAndNewToNew_StartsOneRollout()
    {
        var a1 = (Address(), $"{ReplicaSetA}-x2k9p");
        var b1 = (Address(), $"{ReplicaSetB}-q7w8e");
        var b2 = (Address(), $"{ReplicaSetB}-r4t5y");
        await CanaryAsync([(a1, true)], start: true);
        await CommandAsync("promote");

        // The update: a new pod, not ready yet; then ready next to the old one; then the old one gone; then scaled up.
        await CanaryAsync([(a1, true), (b1, false)]);
        Assert.Equal("Promoted", (await GetRolloutAsync()).GetProperty("phase").GetString());
        await CanaryAsync([(a1, true), (b1, true)]);
        var begun = await GetRolloutAsync();
        await CanaryAsync([(b1, true)]);
        await CanaryAsync([(b1, true), (b2, true)]);
        var done = await GetRolloutAsync();

        Assert.Equal(("Progressing", 0), (begun.GetProperty("phase").GetString(), begun.GetProperty("step").GetInt32()));
        Assert.Equal($"{ReplicaSetA},{ReplicaSetB}", begun.GetProperty("revision").GetString());
        Assert.Equal(begun.GetProperty("history").GetRawText(), done.GetProperty("history").GetRawText());
        Assert.Equal(("Progressing", 0), (done.GetProperty("phase").GetString(), done.GetProperty("step").GetInt32()));
        Assert.Equal(
            [("Idle", "Progressing", $"new revision {ReplicaSetA}"), ("Progressing", "Promoted", "promoted by the management API"), ("Promoted", "Progressing", $"new revision {ReplicaSetB}")],
            History(done));
    }

    [Fact]
    public async Task RolledBackRevision_EndpointsFlap_NotRetried_ANewRevisionIs()
    {
        var b1 = (Address(), $"{ReplicaSetB}-q7w8e");
        var b2 = (Address(), $"{ReplicaSetB}-r4t5y");
        var c1 = (Address(), $"{ReplicaSetC}-z9x8c");
        await CanaryAsync([(b1, true)], start: true);
        await CommandAsync("abort");

        await CanaryAsync([(b1, false)]);
        await CanaryAsync([]);
        await CanaryAsync([(b1, true)]);
        await CanaryAsync([(b1, true), (b2, true)]);
        var flapped = await GetRolloutAsync();
        await CanaryAsync([(b1, true), (b2, true), (c1, true)]);
        var updated = await GetRolloutAsync();

        Assert.Equal("RolledBack", flapped.GetProperty("phase").GetString());
        Assert.Equal(0, flapped.GetProperty("weight").GetDouble());
        Assert.Equal([("Idle", "Progressing", $"new revision {ReplicaSetB}"), ("Progressing", "RolledBack", "aborted by the management API")], History(flapped));
        Assert.Equal(("Progressing", $"{ReplicaSetB},{ReplicaSetC}"), (updated.GetProperty("phase").GetString(), updated.GetProperty("revision").GetString()));
        Assert.Equal(("RolledBack", "Progressing", $"new revision {ReplicaSetC}"), History(updated)[^1]);
    }

    [Fact]
    public async Task CanaryScaledFromOneToTwoPods_SameReplicaSet_NoRestart()
    {
        var b1 = (Address(), $"{ReplicaSetB}-q7w8e");
        var b2 = (Address(), $"{ReplicaSetB}-r4t5y");
        await CanaryAsync([(b1, true)], start: true);

        // Paused: a restart would show as Progressing at step 0 again.
        var paused = await CommandAsync("pause");
        await CanaryAsync([(b1, true), (b2, true)]);
        var scaled = await GetRolloutAsync();

        Assert.Equal("Paused", scaled.GetProperty("phase").GetString());
        Assert.Equal(ReplicaSetB, scaled.GetProperty("revision").GetString());
        Assert.Equal(paused.GetProperty("startedAt").GetString(), scaled.GetProperty("startedAt").GetString());
        Assert.Equal(2, scaled.GetProperty("history").GetArrayLength());
    }

    private static string Address() => Loopback.NextAddress(Backend.AddressRange).ToString();

    private static (string From, string To, string Reason)[] History(JsonElement document) =>
        [.. document.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("from").GetString()!, h.GetProperty("to").GetString()!, h.GetProperty("reason").GetString()!))];

    /// <summary>
    /// Serves the canary Service's slice with these pods (starting the gateway the first time) and waits until the
    /// gateway's catalog shows them and the rollout controller has handled the change.
    /// </summary>
    private async Task CanaryAsync(((string Address, string Pod) Endpoint, bool Ready)[] endpoints, bool start = false)
    {
        var slice = EndpointSliceBuilder.For(CanaryService, Namespace).Name("canary-1").Port(Loopback.PodPort, "http");
        foreach (var ((address, pod), ready) in endpoints)
        {
            slice.Endpoint(address, ready, pod: pod);
        }

        _k8s.Api.UpsertSlice(slice.Build());
        if (start)
        {
            _gateway = await _k8s.StartGatewayAsync(
                "Gateway:Rollout:Enabled=true",
                $"Gateway:Management:Token={RolloutGateway.Token}",
                "Gateway:Canary:Weight=0",
                "Gateway:Rollout:Interval=01:00:00");
            _management = _gateway.CreateRawClient(_gateway.ManagementUrl);
        }

        var expected = endpoints.Select(e => (e.Endpoint.Pod, e.Ready)).Order().ToArray();
        await WaitForSnapshotAsync(_gateway!, s => s.Synced && s.Canary.Select(c => (Pod: PodName(c), c.Ready)).Order().SequenceEqual(expected), Timeout);

        // In Kubernetes mode the gateway first wins the Lease and reads the state ConfigMap, then auto-starts.
        await _gateway!.Service<RolloutController>().WhenTakenOverAsync().WaitAsync(Timeout);
        await _gateway!.Service<RolloutController>().WhenIdleAsync();
    }

    private static string PodName(TrackEndpoint endpoint) => endpoint.Pod!.Split('/')[^1];

    private async Task<JsonElement> GetRolloutAsync()
    {
        using var response = await _management!.GetAsync(new Uri("/rollout", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> CommandAsync(string command)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/rollout/{command}", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {RolloutGateway.Token}");
        using var response = await _management!.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
