using System.Net;
using System.Text.Json;
using Gateway.Rollouts;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Rollouts.Kubernetes;
using Gateway.Tracks;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// <c>GET /rollout/sample</c> serves a real gateway's recorder. Until the lead maps it on the management port, the
/// endpoint runs on a small host that shares the gateway's singletons (controller, recorder, instance).
/// </summary>
public sealed class RolloutSampleEndpointsTests
{
    [Fact]
    public async Task Enabled_AnswersTheRecordersCumulativeCounts_SameInstanceEachTime()
    {
        await using var rollout = await StartGatewayAsync();
        var recorder = rollout.Gateway.Service<TrafficRecorder>();
        var instance = new RolloutInstance();
        await using var host = await StartHostAsync(rollout, instance);
        recorder.Record(Track.Stable, 200, TimeSpan.FromMilliseconds(2));
        recorder.Record(Track.Stable, 502, TimeSpan.FromMilliseconds(30));
        recorder.Record(Track.Canary, 200, TimeSpan.FromMilliseconds(700));

        var first = await GetSampleAsync(host);
        recorder.Record(Track.Canary, 500, TimeSpan.FromSeconds(90));
        var second = await GetSampleAsync(host);

        Assert.Equal((rollout.Controller.Self, instance.Id), (first.Identity, first.Instance));
        Assert.Equal((2L, 1L, 1L, 0L), (first.Sample.Stable.Requests, first.Sample.Stable.Errors, first.Sample.Canary.Requests, first.Sample.Canary.Errors));
        Assert.Equal(1, first.Sample.Stable.Latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(30))]);
        Assert.Equal(1, first.Sample.Canary.Latency[LatencyBuckets.IndexOf(TimeSpan.FromMilliseconds(700))]);
        Assert.Equal(instance.Id, second.Instance);
        Assert.Equal((2L, 1L), (second.Sample.Canary.Requests, second.Sample.Canary.Errors));
        Assert.Equal(1, second.Sample.Canary.Latency[^1]);
        Assert.Equal(recorder.Read().Canary.Latency.ToArray(), second.Sample.Canary.Latency.ToArray());
    }

    [Fact]
    public async Task Disabled_404WithReason()
    {
        await using var rollout = await StartGatewayAsync("Gateway:Rollout:Enabled=false");
        await using var host = await StartHostAsync(rollout, new RolloutInstance());
        using var client = new HttpClient { BaseAddress = host.Management };

        using var response = await client.GetAsync(new Uri("/rollout/sample", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("rollouts are disabled (Gateway:Rollout:Enabled=false)", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void RolloutInstance_RandomPerInstance()
    {
        var a = new RolloutInstance();
        var b = new RolloutInstance();

        Assert.Matches("^[0-9a-f]{16}$", a.Id);
        Assert.NotEqual(a.Id, b.Id);
    }

    private static Task<RolloutGateway> StartGatewayAsync(params string[] settings) =>
        RolloutGateway.StartAsync([$"http://{Loopback.NextAddress(Backend.AddressRange)}:{Loopback.PodPort}"], [$"http://{Loopback.NextAddress(Backend.AddressRange)}:{Loopback.PodPort}"], settings);

    private static Task<PeerServer> StartHostAsync(RolloutGateway rollout, RolloutInstance instance) =>
        PeerServer.StartAsync(
            "sample-host",
            app => app.MapRolloutSample(),
            services => services
                .AddSingleton(rollout.Controller)
                .AddSingleton(rollout.Gateway.Service<TrafficRecorder>())
                .AddSingleton(instance));

    private static async Task<PeerSample> GetSampleAsync(PeerServer host)
    {
        using var client = new HttpClient { BaseAddress = host.Management };
        using var response = await client.GetAsync(new Uri("/rollout/sample", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var sample = RolloutSampleDocument.TryParse(await response.Content.ReadAsByteArrayAsync(), out var error);
        Assert.True(sample is not null, error);
        return sample;
    }
}
