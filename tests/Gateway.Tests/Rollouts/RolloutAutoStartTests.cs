using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Rollouts;

/// <summary>Static mode: the canary destinations count as a new revision at startup (DESIGN.md "Revision").</summary>
public sealed class RolloutAutoStartTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [Fact]
    public async Task Startup_CanaryDestinationsAreANewRevision_RolloutStarts()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, RolloutGateway.Steps(10, 50, 100));

        var document = await rollout.GetRolloutAsync();

        var revision = new Uri(topology.Canary.Url).GetLeftPart(UriPartial.Authority);
        Assert.Equal(("Progressing", 0, 10.0, revision), (document.GetProperty("phase").GetString(), document.GetProperty("step").GetInt32(), document.GetProperty("weight").GetDouble(), document.GetProperty("revision").GetString()));
        var begun = Assert.Single(document.GetProperty("history").EnumerateArray());
        Assert.Equal(("Idle", "Progressing", $"new revision {revision}"), (begun.GetProperty("from").GetString(), begun.GetProperty("to").GetString(), begun.GetProperty("reason").GetString()));
        Assert.Equal((HttpStatusCode.OK, "canary"), await rollout.RequestAsync(bucket: 999));
    }

    [Fact]
    public async Task Reset_RevisionCountsAsDone_NotRestartedWhenRolloutsAreReEnabled()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls);
        await rollout.CommandAsync("reset");

        // Turning rollouts off and on looks at the canary again, as at startup.
        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "false"));
        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "true"));
        await rollout.Controller.WhenIdleAsync();
        await rollout.CheckAsync();

        Assert.Single(rollout.Logs.Messages(303));
        var document = await rollout.GetRolloutAsync();
        Assert.Equal("Idle", document.GetProperty("phase").GetString());
        Assert.Equal(["Progressing", "Idle"], document.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 0));
    }

    [Fact]
    public async Task AutoStartFalse_StaysIdle_AlsoWhenRolloutsAreReEnabled()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, "Gateway:Rollout:AutoStart=false");

        var atStartup = await rollout.GetRolloutAsync();
        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "false"));
        rollout.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "true"));
        await rollout.Controller.WhenIdleAsync();
        await rollout.CheckAsync();

        Assert.Equal("Idle", atStartup.GetProperty("phase").GetString());
        Assert.Equal(0, atStartup.GetProperty("weight").GetDouble());
        var document = await rollout.GetRolloutAsync();
        Assert.Equal("Idle", document.GetProperty("phase").GetString());
        Assert.Equal(0, document.GetProperty("history").GetArrayLength());
        Assert.Equal(string.Empty, document.GetProperty("revision").GetString());
        Assert.Equal((HttpStatusCode.OK, "stable"), await rollout.RequestAsync(bucket: 0));
    }
}
