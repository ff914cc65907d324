using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using TestSupport;

namespace Gateway.Tests.Rollouts;

/// <summary>Canary errors, answered 5xx or failed in transport, fail checks and roll the canary back.</summary>
public sealed class RolloutErrorTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    // 40 users, every 250th bucket: 20 below 50 % (canary at the first step), 20 above.
    private static readonly int[] Users = [.. Enumerable.Range(0, 40).Select(i => i * 250)];

    [Fact]
    public async Task CanaryAnswering500_ChecksFail_RolledBackAtTheFailureLimit()
    {
        await using var canary = await CountingPod.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, [canary.Url], [.. RolloutGateway.Steps(50, 100), "Gateway:Rollout:MinRequests=10", "Gateway:Rollout:FailureLimit=3"]);

        // fail, wait (no traffic: neither counts nor resets the failures), fail: still short of the limit.
        await SendAsync(rollout, Users);
        await rollout.CheckAsync();
        await rollout.CheckAsync();
        await SendAsync(rollout, Users);
        await rollout.CheckAsync();
        var before = await rollout.GetRolloutAsync();
        await SendAsync(rollout, Users);
        await rollout.CheckAsync();
        var after = await rollout.GetRolloutAsync();

        Assert.Equal(("Progressing", 0), (before.GetProperty("phase").GetString(), before.GetProperty("step").GetInt32()));
        Assert.Equal(["fail", "wait", "fail", "fail"], after.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()));
        var failed = after.GetProperty("checks")[0];
        Assert.Equal(20, failed.GetProperty("canary").GetProperty("requests").GetInt64());
        Assert.Equal(20, failed.GetProperty("canary").GetProperty("errors").GetInt64());
        Assert.Equal(100, failed.GetProperty("canary").GetProperty("errorRate").GetDouble());
        Assert.Equal(0, failed.GetProperty("stable").GetProperty("errors").GetInt64());
        Assert.Equal("RolledBack", after.GetProperty("phase").GetString());
        Assert.Equal(0, after.GetProperty("weight").GetDouble());
        var rolledBack = after.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("Progressing", "RolledBack"), (rolledBack.GetProperty("from").GetString(), rolledBack.GetProperty("to").GetString()));
        Assert.StartsWith("3 failing check(s) in a row at step 1", rolledBack.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Rolled back, the canary's users are served by stable again.
        var served = canary.Requests;
        foreach (var bucket in Users.Take(20))
        {
            Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket));
        }

        Assert.Equal(served, canary.Requests);
    }

    [Fact]
    public async Task CanaryRefusingConnections_TransportFailuresCountAsErrors_RolledBack()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, [ClosedPort()], [.. RolloutGateway.Steps(50, 100), "Gateway:Rollout:MinRequests=3", "Gateway:Rollout:FailureLimit=1"]);

        // Three canary users: passive health takes a pod out after three transport failures (ProxyExtensions).
        foreach (var bucket in new[] { 0, 1600, 3200 })
        {
            Assert.Equal((HttpStatusCode.BadGateway, "canary"), await rollout.RequestAsync(bucket));
        }

        await rollout.CheckAsync();
        var document = await rollout.GetRolloutAsync();

        var check = Assert.Single(document.GetProperty("checks").EnumerateArray());
        Assert.Equal("fail", check.GetProperty("verdict").GetString());
        Assert.Equal((3L, 3L), (check.GetProperty("canary").GetProperty("requests").GetInt64(), check.GetProperty("canary").GetProperty("errors").GetInt64()));
        Assert.Equal("RolledBack", document.GetProperty("phase").GetString());
    }

    /// <summary>
    /// A canary whose pods refuse every connection, under steady traffic: passive health takes its pods out after three
    /// failures, its users fall back to stable, and what the canary failed to serve must still count against it —
    /// else every check sees fewer than MinRequests canary requests and waits, and the rollout never rolls back.
    /// </summary>
    [Fact]
    public async Task CanaryRefusingConnections_SteadyTraffic_RolledBackWithinFailureLimitIntervals()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, [ClosedPort()], [.. RolloutGateway.Steps(50, 100), "Gateway:Rollout:MinRequests=10", "Gateway:Rollout:FailureLimit=2"]);

        for (var interval = 0; interval < 2; interval++)
        {
            foreach (var bucket in Users)
            {
                var (status, _) = await rollout.RequestAsync(bucket);
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadGateway, $"bucket {bucket}: {(int)status}");
            }

            await rollout.CheckAsync();
        }

        var document = await rollout.GetRolloutAsync();
        var verdicts = string.Join(" | ", document.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("verdict").GetString()}: {c.GetProperty("why").GetString()}"));
        Assert.True(document.GetProperty("phase").GetString() == "RolledBack", $"phase {document.GetProperty("phase").GetString()}; checks: {verdicts}");
    }

    private static string ClosedPort() => $"http://{Loopback.NextAddress(Backend.AddressRange)}:{Loopback.PodPort}";

    private static async Task SendAsync(RolloutGateway rollout, IEnumerable<int> buckets)
    {
        foreach (var bucket in buckets)
        {
            var (status, track) = await rollout.RequestAsync(bucket);
            Assert.Equal(track == "canary" ? HttpStatusCode.InternalServerError : HttpStatusCode.OK, status);
        }
    }
}
