using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Rollouts;

/// <summary>The weight follows the rollout's phase through the real proxy, bucket by bucket (DESIGN's guarantees).</summary>
public sealed class RolloutRoutingTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    // Every 97th bucket, plus both sides of each step's boundary (weight × 100).
    private static readonly int[] Users = [.. Enumerable.Range(0, 104).Select(i => i * 97).Concat([999, 1000, 4999, 5000, 9999]).Distinct().Order()];

    [Fact]
    public async Task Rollout_EveryStepThenAbort_CanaryUsersStayOnCanary_RollbackSendsUnforcedUsersToStable()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), "Gateway:Rollout:MinRequests=3", "Gateway:Rollout:ChecksPerStep=2"]);
        var everOnCanary = new HashSet<int>();

        foreach (var (step, weight) in new[] { (0, 10), (1, 50), (2, 100) })
        {
            for (var check = 0; check < 2; check++)
            {
                var document = await rollout.GetRolloutAsync();
                Assert.Equal(("Progressing", step), (document.GetProperty("phase").GetString(), document.GetProperty("step").GetInt32()));

                var onCanary = await CanaryUsersAsync(rollout);

                Assert.Equal(Users.Where(b => b < weight * 100), onCanary.Order());
                Assert.Empty(everOnCanary.Except(onCanary));
                everOnCanary.UnionWith(onCanary);
                await rollout.CheckAsync();
            }
        }

        var promoted = await rollout.GetRolloutAsync();
        Assert.Equal("Promoted", promoted.GetProperty("phase").GetString());
        Assert.Equal(Users, (await CanaryUsersAsync(rollout)).Order());
        Assert.All(promoted.GetProperty("checks").EnumerateArray(), c => Assert.Equal("pass", c.GetProperty("verdict").GetString()));

        await rollout.CommandAsync("abort");

        Assert.Empty(await CanaryUsersAsync(rollout));
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync());
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 9999, forceCookie: "always"));
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 9999, forceHeader: "always"));
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(host: "canary.foo.bar"));
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 0, forceCookie: "never"));
    }

    [Fact]
    public async Task Pause_HoldsTheStepsWeight_NoChecksRun()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), "Gateway:Rollout:MinRequests=1", "Gateway:Rollout:ChecksPerStep=1"]);
        await rollout.CommandAsync("pause");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Users.Where(b => b < 1000), (await CanaryUsersAsync(rollout)).Order());
            await rollout.CheckAsync();
        }

        var paused = await rollout.GetRolloutAsync();
        Assert.Equal(("Paused", 0, 10.0), (paused.GetProperty("phase").GetString(), paused.GetProperty("step").GetInt32(), paused.GetProperty("weight").GetDouble()));
        Assert.Equal(0, paused.GetProperty("checks").GetArrayLength());

        // Resumed, the step's checks judge traffic from the resumption on: one passing check moves to 50 %.
        await rollout.CommandAsync("resume");
        await CanaryUsersAsync(rollout);
        await rollout.CheckAsync();

        Assert.Equal(Users.Where(b => b < 5000), (await CanaryUsersAsync(rollout)).Order());
    }

    private static async Task<HashSet<int>> CanaryUsersAsync(RolloutGateway rollout)
    {
        var tracks = await rollout.TracksOfAsync(Users);
        Assert.All(tracks.Values, t => Assert.Contains(t, new[] { "stable", "canary" }));
        return [.. tracks.Where(t => t.Value == "canary").Select(t => t.Key)];
    }
}
