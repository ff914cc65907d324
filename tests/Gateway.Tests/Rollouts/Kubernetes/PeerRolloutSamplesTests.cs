using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;
using Gateway.Tracks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Gateway.Tests.Rollouts.Kubernetes.PeersHarness;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>The leader's view of all replicas' traffic: its own sample plus every peer's <c>GET /rollout/sample</c>.</summary>
public sealed class PeerRolloutSamplesTests : IAsyncLifetime
{
    private const string Self = "gw-0";
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    private readonly List<PeerServer> _servers = [];
    private readonly HttpClient _client = new();
    private readonly TrafficRecorder _recorder = new() { Enabled = true };
    private PeersHarness _k8s = null!;

    public async Task InitializeAsync() => _k8s = (await StartAsync()).Run();

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _client.Dispose();
        await _k8s.DisposeAsync();
    }

    [Fact]
    public async Task SelfAndTwoPeers_ThreeSamples_AddUp()
    {
        _recorder.Record(Track.Stable, 200, TimeSpan.FromMilliseconds(3));
        _recorder.Record(Track.Canary, 503, TimeSpan.FromMilliseconds(40));
        var b = await SampleServerAsync("gw-b", Sample(stable: (10, 1, 5), canary: (4, 0, 20)));
        var c = await SampleServerAsync("gw-c", Sample(stable: (7, 0, 5), canary: (2, 2, 300)));
        await _k8s.PublishAsync(await SelfAsync(), b, c);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Null(set.Missing);
        Assert.Equal([Self, "gw-b", "gw-c"], set.Samples.Select(s => s.Identity).Order(StringComparer.Ordinal));
        Assert.Equal(["instance-gw-b", "instance-gw-c", "local-instance"], set.Samples.Select(s => s.Instance).Order(StringComparer.Ordinal));
        var total = set.Samples.Aggregate(TrafficSample.Empty, (sum, s) => sum.Plus(s.Sample));
        Assert.Equal((18L, 1L), (total.Stable.Requests, total.Stable.Errors));
        Assert.Equal((7L, 3L), (total.Canary.Requests, total.Canary.Errors));
        Assert.Equal(17, total.Stable.Latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(5))]);
        Assert.Equal(1, total.Stable.Latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(3))]);
        Assert.Equal(2, total.Canary.Latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(300))]);
        Assert.Equal(300, total.Canary.P99Milliseconds!.Value, 300 * 0.1);
    }

    [Fact]
    public async Task PeerDown_MissingNamesIt_OthersStillRead()
    {
        var b = await SampleServerAsync("gw-b", Sample(stable: (1, 0, 5), canary: (1, 0, 5)));
        var down = await SampleServerAsync("gw-d", Sample(stable: (1, 0, 5), canary: (1, 0, 5)));
        await _k8s.PublishAsync(await SelfAsync(), b, down);
        await down.DisposeAsync();
        _servers.Remove(down);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Equal([Self, "gw-b"], set.Samples.Select(s => s.Identity).Order(StringComparer.Ordinal));
        Assert.NotNull(set.Missing);
        Assert.StartsWith($"peer gw-d (http://{down.Address}:{down.Port}): ", set.Missing, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', set.Missing);
    }

    [Fact]
    public async Task SelfNotInTheService_NothingJudged_MissingSaysWhy()
    {
        // A management Service missing, or selecting other pods: the leader cannot know which replicas serve users.
        var b = await SampleServerAsync("gw-b", Sample(stable: (1, 0, 5), canary: (1, 0, 5)));
        await _k8s.PublishAsync(b);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Equal([Self], set.Samples.Select(s => s.Identity));
        Assert.NotNull(set.Missing);
        Assert.StartsWith($"this replica ({Self}) is not among the ready endpoints of Service", set.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerAnswersBadJson_Missing()
    {
        var bad = await PeerServer.StartAsync("gw-x", app => app.MapGet("/rollout/sample", () => Results.Text("{\"identity\": \"gw-x\", \"stable\": ", "application/json")));
        _servers.Add(bad);
        await _k8s.PublishAsync(await SelfAsync(), bad);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Equal([Self], set.Samples.Select(s => s.Identity));
        Assert.StartsWith($"peer gw-x (http://{bad.Address}:{bad.Port}): bad sample: not JSON", set.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerWithAnotherBucketLayout_MissingSaysSo()
    {
        var json = "{\"identity\":\"gw-x\",\"instance\":\"i\",\"stable\":{\"requests\":0,\"errors\":0,\"latency\":[0,0,0]},\"canary\":{\"requests\":0,\"errors\":0,\"latency\":[0,0,0]}}";
        var other = await PeerServer.StartAsync("gw-x", app => app.MapGet("/rollout/sample", () => Results.Text(json, "application/json")));
        _servers.Add(other);
        await _k8s.PublishAsync(await SelfAsync(), other);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Equal($"peer gw-x (http://{other.Address}:{other.Port}): bad sample: \"stable.latency\" has 3 buckets, this gateway uses {LatencyBuckets.Count}", set.Missing);
    }

    [Fact]
    public async Task PeerAnswers404_Or_AnswersAsAnotherPod_Missing()
    {
        var disabled = await PeerServer.StartAsync("gw-n", app => app.MapGet("/rollout/sample", () => Results.NotFound()));
        var impostor = await SampleServerAsync("gw-i", Sample(stable: (1, 0, 5), canary: (0, 0, 5)), answerAs: "gw-other");
        _servers.Add(disabled);
        await _k8s.PublishAsync(await SelfAsync(), disabled, impostor);

        var set = await Samples().GatherAsync(CancellationToken.None);

        Assert.Equal([Self], set.Samples.Select(s => s.Identity));
        Assert.Equal($"peer gw-i (http://{impostor.Address}:{impostor.Port}): answered as 'gw-other' (an address reused by another pod?) (and 1 more peer(s) not read)", set.Missing);
    }

    [Fact]
    public async Task PeerNeverAnswers_MissingAfterTheTimeout()
    {
        var never = new TaskCompletionSource();
        var stuck = await PeerServer.StartAsync("gw-s", app => app.MapGet("/rollout/sample", async (HttpContext context) => await never.Task.WaitAsync(context.RequestAborted)));
        _servers.Add(stuck);
        await _k8s.PublishAsync(await SelfAsync(), stuck);

        var set = await Samples(TimeSpan.FromMilliseconds(300)).GatherAsync(CancellationToken.None);
        never.TrySetResult();

        Assert.Equal($"peer gw-s (http://{stuck.Address}:{stuck.Port}): no answer within 0.3 s", set.Missing);
    }

    [Fact]
    public async Task DirectoryNotSyncedYet_MissingSaysSo()
    {
        await using var unsynced = await StartAsync();

        var set = await new PeerRolloutSamples(unsynced.Peers, Self, Local(), _client, PeerTimeout).GatherAsync(CancellationToken.None);

        Assert.Equal("the peers (EndpointSlices of Service canary-gateway-management) have not been listed yet", set.Missing);
        Assert.Equal([Self], set.Samples.Select(s => s.Identity));
    }

    private PeerRolloutSamples Samples(TimeSpan? timeout = null) => new(_k8s.Peers, Self, Local(), _client, timeout ?? PeerTimeout);

    private LocalRolloutSamples Local() => new(_recorder, Self, "local-instance");

    /// <summary>This replica in the directory: a listener that fails any request, so calling itself over HTTP would show.</summary>
    private async Task<PeerServer> SelfAsync()
    {
        var self = await PeerServer.StartAsync(Self, app => app.Run(context => throw new InvalidOperationException("the leader must not read its own sample over HTTP")));
        _servers.Add(self);
        return self;
    }

    private async Task<PeerServer> SampleServerAsync(string identity, TrafficSample sample, string? answerAs = null)
    {
        var json = RolloutSampleDocument.Write(new PeerSample(answerAs ?? identity, $"instance-{identity}", sample));
        var server = await PeerServer.StartAsync(identity, app => app.MapGet("/rollout/sample", () => Results.Bytes(json, "application/json")));
        _servers.Add(server);
        return server;
    }

    private static TrafficSample Sample((long Requests, long Errors, double Ms) stable, (long Requests, long Errors, double Ms) canary) =>
        new(TrafficSamples.Track(stable.Requests, stable.Errors, stable.Ms), TrafficSamples.Track(canary.Requests, canary.Errors, canary.Ms));
}
