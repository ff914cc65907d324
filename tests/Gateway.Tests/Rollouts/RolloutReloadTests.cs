using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts;

/// <summary><c>Gateway:Rollout</c> and <c>Gateway:Management:Token</c> reloaded live, as an edited ConfigMap would be.</summary>
public sealed class RolloutReloadTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task EnabledFalseToTrue_StartsTheRollout_TrueToFalse_ConfiguredWeightAgain()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), "Gateway:Rollout:Enabled=false"]);
        Assert.Equal(HttpStatusCode.NotFound, (await rollout.GetAsync("/rollout")).Status);
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 500));

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "true"));
        await rollout.Controller.WhenIdleAsync();

        var document = await rollout.GetRolloutAsync();
        Assert.Equal(("Progressing", 0, 10.0), (document.GetProperty("phase").GetString(), document.GetProperty("step").GetInt32(), document.GetProperty("weight").GetDouble()));
        Assert.StartsWith("new revision ", Assert.Single(document.GetProperty("history").EnumerateArray()).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("rollout", await WeightSourceAsync(rollout));
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 500));
        Assert.Single(rollout.Logs.Messages(303));

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "false"));
        await rollout.Controller.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await rollout.GetAsync("/rollout")).Status);
        Assert.Equal("configured", await WeightSourceAsync(rollout));
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 500));
    }

    [Fact]
    public async Task AutoStartFalseToTrue_StartsTheRolloutForTheCanaryAlreadyReady()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, [.. RolloutGateway.Steps(10, 50, 100), "Gateway:Rollout:AutoStart=false"]);
        Assert.Equal("Idle", (await rollout.GetRolloutAsync()).GetProperty("phase").GetString());

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:AutoStart", "true"));
        await rollout.Controller.WhenIdleAsync();

        var document = await rollout.GetRolloutAsync();
        Assert.Equal(("Progressing", 0), (document.GetProperty("phase").GetString(), document.GetProperty("step").GetInt32()));
        Assert.StartsWith("new revision ", Assert.Single(document.GetProperty("history").EnumerateArray()).GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsNotIncreasing_ReloadRejectedWithErrorLog_LastGoodStay_NextGoodReloadApplies()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, RolloutGateway.Steps(10, 50, 100));

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Steps:0", "50"), ("Gateway:Rollout:Steps:1", "10"));
        await rollout.Controller.WhenIdleAsync();

        var rejected = Assert.Single(rollout.Logs.Entries, e => e.EventId == 302);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("Gateway:Rollout:Steps:1 must be above the step before it ('50')", rejected.Message, StringComparison.Ordinal);
        var kept = await rollout.GetRolloutAsync();
        Assert.Equal([10.0, 50, 100], Steps(kept));
        Assert.Equal(10, kept.GetProperty("weight").GetDouble());
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 999));
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 1000));

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Steps:0", "20"), ("Gateway:Rollout:Steps:1", "60"));
        await rollout.Controller.WhenIdleAsync();

        var applied = await rollout.GetRolloutAsync();
        Assert.Equal([20.0, 60, 100], Steps(applied));
        Assert.Equal(("Progressing", 0, 20.0), (applied.GetProperty("phase").GetString(), applied.GetProperty("step").GetInt32(), applied.GetProperty("weight").GetDouble()));
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 1999));
        Assert.Single(rollout.Logs.Entries, e => e.EventId == 302);
    }

    /// <summary>
    /// A typo in a reloaded step must be rejected like any bad value: the configuration binder drops a list element it
    /// cannot convert without a word, so <c>[ten, 50, 100]</c> would apply as <c>[50, 100]</c> and move the current
    /// step from 10 % to 50 % of the users.
    /// </summary>
    [Fact]
    public async Task StepNotANumber_ReloadRejected_WeightUnchanged()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, RolloutGateway.Steps(10, 50, 100));

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Steps:0", "ten"));
        await rollout.Controller.WhenIdleAsync();

        var document = await rollout.GetRolloutAsync();
        Assert.Equal([10.0, 50, 100], Steps(document));
        Assert.Equal(10, document.GetProperty("weight").GetDouble());
        Assert.Contains("Gateway:Rollout:Steps:0", Assert.Single(rollout.Logs.Messages(302)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRotated_NextCallNeedsTheNewToken_RemovedToken403()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls);
        using var paused = await rollout.PostAsync("pause");
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Management:Token", "rotated-token"));

        using var withOld = await rollout.PostAsync("resume");
        using var withNew = await rollout.PostAsync("resume", "rotated-token");
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);

        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Management:Token", ""));

        using var withoutToken = await rollout.PostAsync("pause", "rotated-token");
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal("Progressing", (await rollout.GetRolloutAsync()).GetProperty("phase").GetString());
    }

    private static double[] Steps(JsonElement document) => [.. document.GetProperty("steps").EnumerateArray().Select(s => s.GetDouble())];

    private static async Task<string> WeightSourceAsync(RolloutGateway rollout)
    {
        var (_, body) = await rollout.GetAsync("/status");
        using var status = JsonDocument.Parse(body);
        return status.RootElement.GetProperty("weight").GetProperty("source").GetString()!;
    }
}
