using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts;

/// <summary>The rollout's metrics (DESIGN.md "Rollouts", Metrics) and its transition and check log lines.</summary>
public sealed class RolloutTelemetryTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    private const string Transitions = "gateway.rollout.transitions";
    private const string Checks = "gateway.rollout.checks";
    private static readonly string[] Phases = ["Idle", "Progressing", "Paused", "Promoted", "Succeeded", "RolledBack"];
    private static readonly int[] Users = [.. Enumerable.Range(0, 20).Select(i => i * 500)];

    [Fact]
    public async Task Rollout_WaitPassFailReset_CountersGaugesAndOneLogLinePerTransition()
    {
        var failing = 0;
        await using var canary = await CountingPod.StartAsync(context =>
        {
            context.Response.StatusCode = Volatile.Read(ref failing) == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, [canary.Url], [.. RolloutGateway.Steps(50, 100), "Gateway:Rollout:MinRequests=3", "Gateway:Rollout:ChecksPerStep=1", "Gateway:Rollout:FailureLimit=1"]);
        var meters = rollout.Meters;

        var started = meters.ObserveGauges();
        await rollout.CheckAsync();
        await SendAsync(rollout);
        await rollout.CheckAsync();
        var stepped = meters.ObserveGauges();
        Volatile.Write(ref failing, 1);
        await SendAsync(rollout);
        await rollout.CheckAsync();
        var rolledBack = meters.ObserveGauges();
        await rollout.CommandAsync("reset");
        var idle = meters.ObserveGauges();

        Assert.Equal(PhaseGauges("Progressing", step: 0), started);
        Assert.Equal(PhaseGauges("Progressing", step: 1), stepped);
        Assert.Equal(PhaseGauges("RolledBack", step: null), rolledBack);
        Assert.Equal(PhaseGauges("Idle", step: null), idle);

        Assert.Equal(1, meters.Count(Transitions, ("from", "Idle"), ("to", "Progressing")));
        Assert.Equal(1, meters.Count(Transitions, ("from", "Progressing"), ("to", "Progressing")));
        Assert.Equal(1, meters.Count(Transitions, ("from", "Progressing"), ("to", "RolledBack")));
        Assert.Equal(1, meters.Count(Transitions, ("from", "RolledBack"), ("to", "Idle")));
        Assert.Equal(4, meters.Total(Transitions));
        Assert.Equal(1, meters.Count(Checks, ("verdict", "wait")));
        Assert.Equal(1, meters.Count(Checks, ("verdict", "pass")));
        Assert.Equal(1, meters.Count(Checks, ("verdict", "fail")));
        Assert.Equal(3, meters.Total(Checks));

        // Event 300: one line per transition, as the history records them.
        var history = (await rollout.GetRolloutAsync()).GetProperty("history").EnumerateArray().ToArray();
        var lines = rollout.Logs.Entries.Where(e => e.EventId == 300).ToArray();
        Assert.Equal(history.Length, lines.Length);
        Assert.All(lines, l => Assert.Equal((LogLevel.Information, "Gateway.Rollouts.RolloutController"), (l.Level, l.Category)));
        Assert.Equal(
            history.Select(h => $"Rollout {h.GetProperty("from").GetString()} -> {h.GetProperty("to").GetString()}"),
            lines.Select(l => l.Message[..l.Message.IndexOf(',', StringComparison.Ordinal)]));
        Assert.Contains("weight 50%: new revision", lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("weight 100%", lines[1].Message, StringComparison.Ordinal);
        Assert.Contains("weight 0%: 1 failing check(s)", lines[2].Message, StringComparison.Ordinal);
        Assert.Contains("reset by the management API", lines[3].Message, StringComparison.Ordinal);

        // Event 301: one line per check, with its verdict.
        Assert.Equal(["Wait", "Pass", "Fail"], rollout.Logs.Entries.Where(e => e.EventId == 301).Select(e => e.Message.Split(' ')[2]));
    }

    [Fact]
    public async Task TransitionLogLine_OutsideTheSteps_SaysNoStep()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls);

        await rollout.CommandAsync("abort");

        var line = rollout.Logs.Messages(300)[^1];
        Assert.StartsWith("Rollout Progressing -> RolledBack", line, StringComparison.Ordinal);

        // A null step must not reach the operator as "(null)".
        Assert.DoesNotContain("(null)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_GaugesReportNothing_NoTransitions()
    {
        await using var rollout = await RolloutGateway.StartAsync(topology.StableUrls, topology.CanaryUrls, "Gateway:Rollout:Enabled=false");

        await rollout.CheckAsync();

        Assert.Empty(rollout.Meters.ObserveGauges());
        Assert.Equal(0, rollout.Meters.Total(Transitions));
        Assert.Empty(rollout.Logs.Messages(300));
    }

    private static Dictionary<string, int> PhaseGauges(string current, int? step)
    {
        var gauges = Phases.ToDictionary(p => $"gateway.rollout.phase{{phase={p}}}", p => p == current ? 1 : 0, StringComparer.Ordinal);
        if (step is { } s)
        {
            gauges["gateway.rollout.step{}"] = s;
        }

        return gauges;
    }

    private static async Task SendAsync(RolloutGateway rollout)
    {
        foreach (var bucket in Users)
        {
            var (status, _) = await rollout.RequestAsync(bucket);
            Assert.NotEqual(HttpStatusCode.BadGateway, status);
        }
    }
}
