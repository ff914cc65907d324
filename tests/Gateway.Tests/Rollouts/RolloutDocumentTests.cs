using System.Globalization;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Rollouts;

/// <summary>The <c>GET /rollout</c> document's fields, JSON names and types, and <c>/status</c>'s weight source.</summary>
public sealed class RolloutDocumentTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    private const string Identity = "gateway-test-1";
    private static readonly int[] CanaryBuckets = [0, 111, 222, 333, 444, 555, 666, 777, 888, 999];
    private static readonly int[] StableBuckets = [1000, 2500, 5000, 7500, 9999];

    [Fact]
    public async Task Document_ThroughARollout_FieldsNamesAndTypesAsDesign()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), "Gateway:Rollout:MinRequests=5", "Gateway:Rollout:ChecksPerStep=1", $"Gateway:Rollout:Identity={Identity}"]);

        var started = await rollout.GetRolloutAsync();

        Assert.Equal(
            ["phase", "step", "steps", "weight", "revision", "self", "leader", "startedAt", "updatedAt", "reason", "checks", "history"],
            started.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Progressing", started.GetProperty("phase").GetString());
        Assert.Equal(0, started.GetProperty("step").GetInt32());
        Assert.Equal([10.0, 50, 100], started.GetProperty("steps").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal(10, started.GetProperty("weight").GetDouble());
        Assert.Equal(new Uri(topology.Canary.Url).GetLeftPart(UriPartial.Authority), started.GetProperty("revision").GetString());
        Assert.Equal(Identity, started.GetProperty("self").GetString());
        Assert.Equal(Identity, started.GetProperty("leader").GetString());
        Assert.Equal(RolloutGateway.Start, TimeOf(started, "startedAt"));
        Assert.Equal(RolloutGateway.Start, TimeOf(started, "updatedAt"));
        Assert.Equal(JsonValueKind.Array, started.GetProperty("checks").ValueKind);
        Assert.Equal(0, started.GetProperty("checks").GetArrayLength());
        var begun = Assert.Single(started.GetProperty("history").EnumerateArray());
        Assert.Equal(["time", "from", "to", "step", "weight", "reason"], begun.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RolloutGateway.Start, TimeOf(begun, "time"));
        Assert.Equal("Idle", begun.GetProperty("from").GetString());
        Assert.Equal("Progressing", begun.GetProperty("to").GetString());
        Assert.Equal(0, begun.GetProperty("step").GetInt32());
        Assert.Equal(10, begun.GetProperty("weight").GetDouble());
        Assert.Equal($"new revision {started.GetProperty("revision").GetString()}", begun.GetProperty("reason").GetString());
        Assert.Equal(begun.GetProperty("reason").GetString(), started.GetProperty("reason").GetString());

        // A check without traffic waits; its figures say so, p99 null without requests.
        await rollout.CheckAsync();
        var waited = await rollout.GetRolloutAsync();
        var wait = Assert.Single(waited.GetProperty("checks").EnumerateArray());
        Assert.Equal(["time", "step", "weight", "verdict", "why", "canary", "stable"], wait.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RolloutGateway.Start + RolloutGateway.Interval, TimeOf(wait, "time"));
        Assert.Equal(0, wait.GetProperty("step").GetInt32());
        Assert.Equal(10, wait.GetProperty("weight").GetDouble());
        Assert.Equal("wait", wait.GetProperty("verdict").GetString());
        Assert.Contains("5 needed", wait.GetProperty("why").GetString(), StringComparison.Ordinal);
        var idleCanary = wait.GetProperty("canary");
        Assert.Equal(["requests", "errors", "errorRate", "p99Ms"], idleCanary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, idleCanary.GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, idleCanary.GetProperty("p99Ms").ValueKind);
        Assert.Equal(0, waited.GetProperty("step").GetInt32());

        // Traffic on both tracks: the check passes and the rollout moves to step 1 (0-based), weight 50.
        await SendAsync(rollout, CanaryBuckets);
        await SendAsync(rollout, StableBuckets);
        await rollout.CheckAsync();
        var advanced = await rollout.GetRolloutAsync();
        var pass = advanced.GetProperty("checks")[1];
        Assert.Equal("pass", pass.GetProperty("verdict").GetString());
        Assert.Equal(CanaryBuckets.Length, pass.GetProperty("canary").GetProperty("requests").GetInt64());
        Assert.Equal(0, pass.GetProperty("canary").GetProperty("errors").GetInt64());
        Assert.Equal(0, pass.GetProperty("canary").GetProperty("errorRate").GetDouble());
        Assert.True(pass.GetProperty("canary").GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(StableBuckets.Length, pass.GetProperty("stable").GetProperty("requests").GetInt64());
        Assert.Equal("Progressing", advanced.GetProperty("phase").GetString());
        Assert.Equal(1, advanced.GetProperty("step").GetInt32());
        Assert.Equal(50, advanced.GetProperty("weight").GetDouble());
        Assert.Equal(RolloutGateway.Start, TimeOf(advanced, "startedAt"));
        Assert.Equal(RolloutGateway.Start + (2 * RolloutGateway.Interval), TimeOf(advanced, "updatedAt"));
        var step = advanced.GetProperty("history")[1];
        Assert.Equal(("Progressing", "Progressing", 1, 50.0), (step.GetProperty("from").GetString(), step.GetProperty("to").GetString(), step.GetProperty("step").GetInt32(), step.GetProperty("weight").GetDouble()));

        // Outside Progressing and Paused the step is null.
        var promoted = await rollout.CommandAsync("promote");
        Assert.Equal(JsonValueKind.Null, promoted.GetProperty("step").ValueKind);
        Assert.Equal(100, promoted.GetProperty("weight").GetDouble());
        var last = promoted.GetProperty("history")[2];
        Assert.Equal(JsonValueKind.Null, last.GetProperty("step").ValueKind);
        Assert.Equal(100, last.GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task Document_TwoCanaryDestinations_RevisionSortedAndJoined_SelfIsLeaderWithoutIdentity()
    {
        var second = await Backend.StartKubeAppAsync("2.0");
        await using var owned = new OwnedResources();
        owned.Add(second);
        string[] canary = [second.Url, topology.Canary.Url];
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, canary);

        var document = await rollout.GetRolloutAsync();

        var expected = string.Join(",", canary.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, document.GetProperty("revision").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("self").GetString()));
        Assert.Equal(document.GetProperty("self").GetString(), document.GetProperty("leader").GetString());
        Assert.Equal([5.0, 10, 25, 50, 100], document.GetProperty("steps").EnumerateArray().Select(s => s.GetDouble()));
        Assert.Equal(5, document.GetProperty("weight").GetDouble());
    }

    [Theory]
    [InlineData("Gateway:Canary:Weight=0", "configured", 0)]
    [InlineData("Gateway:Canary:Weight=", "proportional", 25)]
    public async Task Status_WeightSource_RolloutWhileItSetsIt_BackAfterReset(string weightSetting, string idleSource, double idleWeight)
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), weightSetting]);

        var progressing = await WeightOfStatusAsync(rollout);
        await rollout.CommandAsync("abort");
        var rolledBack = await WeightOfStatusAsync(rollout);
        var reset = await rollout.CommandAsync("reset");
        var idle = await WeightOfStatusAsync(rollout);

        Assert.Equal(("rollout", 10.0), progressing);
        Assert.Equal(("rollout", 0.0), rolledBack);
        Assert.Equal((idleSource, idleWeight), idle);
        Assert.Equal("Idle", reset.GetProperty("phase").GetString());
        Assert.Equal(idleWeight, reset.GetProperty("weight").GetDouble());
        Assert.Equal(idleWeight, reset.GetProperty("history").EnumerateArray().Last().GetProperty("weight").GetDouble());
    }

    private static async Task<(string Source, double Effective)> WeightOfStatusAsync(RolloutGateway rollout)
    {
        var (status, body) = await rollout.GetAsync("/status");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        using var document = JsonDocument.Parse(body);
        var weight = document.RootElement.GetProperty("weight");
        return (weight.GetProperty("source").GetString()!, weight.GetProperty("effective").GetDouble());
    }

    private static async Task SendAsync(RolloutGateway rollout, IEnumerable<int> buckets)
    {
        foreach (var bucket in buckets)
        {
            var (status, _) = await rollout.RequestAsync(bucket);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }
    }

    private static DateTimeOffset TimeOf(JsonElement element, string property) =>
        DateTimeOffset.Parse(element.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);
}
