using System.Text.Json;
using LoadTests.Cli;
using LoadTests.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadTests.Tests.EndToEnd;

/// <summary>
/// The <c>rollout</c> scenario through its command line against <see cref="FakeRolloutGateway"/>: a clean rollout
/// passes, and each verdict fails when the fake commits its fault. The fake changes state only when the tool's own
/// polls and new users let it, so every run goes through the same states; each takes two or three seconds.
/// </summary>
public sealed class RolloutVerdictTests(ITestOutputHelper output)
{
    /// <summary>
    /// 200 new users a second, each making 5 requests over a second (~1,000 requests a second), polled every 50 ms.
    /// The fake changes weight while answering a poll, so the polls bracket every change exactly: no margin needed.
    /// It needs 4 polls and 60 new users per state: a rollout takes about two seconds.
    /// </summary>
    private static readonly string[] FastRollout =
    [
        "--arrival-rate", "200", "--requests", "5", "--user-rate", "5", "--max-active", "1000",
        "--poll-interval", "50ms", "--change-margin", "0s", "--tail", "500ms",
    ];

    [Fact]
    public async Task Rollout_CleanPromotion_PassesWithEveryStepJudged()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript());

        var run = await RunAsync(fake);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        var rollout = run.Report.GetProperty("rollout");
        Assert.Equal("Promoted", rollout.GetProperty("finalPhase").GetString());
        // Idle 0 %, 10 %, 50 %, then 100 % (the last step and Promoted), each judged: the fake's 60 new users per state
        // came a poll cycle away from its changes (how many more came depends on the machine's speed).
        var steps = rollout.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal([0.0, 10.0, 50.0, 100.0], steps.Select(s => s.GetProperty("weight").GetDouble()));
        Assert.All(steps, s => Assert.Equal("pass", s.GetProperty("verdict").GetString()));
        Assert.All(steps, s => Assert.InRange(s.GetProperty("newUsers").GetInt64(), 1, long.MaxValue));
        Assert.True(rollout.GetProperty("moves").GetProperty("movesToCanary").GetInt64() > 0, "returning users moved to canary as the weight rose");
        Assert.Equal(4, rollout.GetProperty("history").GetArrayLength());
        Assert.Contains("rollout: promoted: step 2 passed 2 checks", run.Output, StringComparison.Ordinal);
        foreach (var file in new[] { "report.md", "report.html", "rollout.png", "latency.png", "throughput.png" })
        {
            Assert.True(File.Exists(Path.Combine(run.ReportDirectory, file)), file);
        }

        var html = await File.ReadAllTextAsync(Path.Combine(run.ReportDirectory, "report.html"));
        Assert.Contains("Weight steps and the canary share of new users", html, StringComparison.Ordinal);
        Assert.Contains("The gateway's rollout history (last poll)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_CanaryUsersMovedBackToStable_FailsNoMoveBack()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { MoveBackAtStep = 1 });

        var run = await RunAsync(fake);

        Assert.True(fake.MovedBack > 0, "the fake must have moved someone back for this test to mean anything");
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(["no move back to stable"], FailedChecks(run));
        Assert.True(run.Report.GetProperty("rollout").GetProperty("moves").GetProperty("movesBackWhileRising").GetInt64() > 0);
    }

    [Fact]
    public async Task Rollout_StableAnswers503_FailsErrorsOnlyOnCanary()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { StableErrorEvery = 25 });

        var run = await RunAsync(fake);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(["errors only on canary"], FailedChecks(run));
        Assert.True(run.Report.GetProperty("rollout").GetProperty("errors").GetProperty("otherErrorsByKind").GetProperty("stable: status-503").GetInt64() > 0);
    }

    [Fact]
    public async Task Rollout_SplitOffByThirtyPoints_FailsShareOfNewUsers()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { ShareOffset = 30 });

        var run = await RunAsync(fake);

        // The fake routes 40 % to canary while advertising 10 %: with n ≥ 17 users the tolerance (4 × sqrt(0.1 × 0.9 / n)
        // + 0.5 pp) is under 30 pp, and the step had the fake's 60.
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(["canary share of new users per step"], FailedChecks(run));
        var ten = run.Report.GetProperty("rollout").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("weight").GetDouble() == 10);
        Assert.Equal("fail", ten.GetProperty("verdict").GetString());
        Assert.InRange(ten.GetProperty("share").GetProperty("observedPercent").GetDouble(), 35, 45);
    }

    [Fact]
    public async Task Rollout_RolledBackWhilePromotionExpected_FailsWithTheReason()
    {
        var script = new FakeRolloutScript { RollBackAfterStep = 1, CanaryErrorEvery = 10 };
        await using var fake = await FakeRolloutGateway.StartAsync(script);

        var run = await RunAsync(fake);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(["final phase"], FailedChecks(run));
        Assert.Contains($"rollout: rolled back: {script.RollbackReason}; expected promoted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_RolledBackWithCanaryErrors_ExpectRolledBack_Passes()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RollBackAfterStep = 1, CanaryErrorEvery = 10 });

        var run = await RunAsync(fake, "--expect", "rolled-back");

        // The canary's 503s are the canary's business (the gateway's gates judge them); everyone is on stable afterwards.
        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        var rollout = run.Report.GetProperty("rollout");
        Assert.Equal("RolledBack", rollout.GetProperty("finalPhase").GetString());
        Assert.True(rollout.GetProperty("errors").GetProperty("canaryErrors").GetInt64() > 0);
        var rollback = rollout.GetProperty("rollback");
        Assert.True(rollback.GetProperty("answers").GetInt64() > 0);
        Assert.Equal(0, rollback.GetProperty("canaryAnswers").GetInt64());
    }

    [Fact]
    public async Task Rollout_CanaryUsersKeptAfterRollback_FailsStableAfterRollback()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RollBackAfterStep = 1, KeepCanaryAfterRollback = true });

        var run = await RunAsync(fake, "--expect", "rolled-back");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(["stable after rollback"], FailedChecks(run));
        Assert.True(run.Report.GetProperty("rollout").GetProperty("rollback").GetProperty("canaryUsers").GetInt64() > 0);
    }

    [Fact]
    public async Task Rollout_NeverEnds_TimesOutAndFails()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { NewUsersPerState = int.MaxValue });

        var run = await RunAsync(fake, "--duration", "1s");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("final phase", FailedChecks(run));
        Assert.Contains("rollout: timed out after 1 s in phase Idle at 0 %", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_RolloutsDisabled_ExitCode2WithTheReason()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RolloutsDisabled = true });

        var run = await RunAsync(fake);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("404: rollouts are disabled", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--expect", "maybe")]
    [InlineData("--arrival-rate", "0")]
    [InlineData("--management", "not a url")]
    [InlineData("--poll-interval", "0s")]
    public async Task Rollout_BadArguments_ExitCode2(string option, string value)
    {
        using var writer = new StringWriter();
        var exitCode = await CanaryLoadCli.RunAsync(["rollout", "--url", "http://127.0.0.1:1/", option, value, "--no-live"], writer);
        output.WriteLine(writer.ToString());

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("canary-load:", writer.ToString(), StringComparison.Ordinal);
    }

    private async Task<CliRun> RunAsync(FakeRolloutGateway fake, params string[] extra)
    {
        // A generous timeout: the rollouts here end in about two seconds, unless a test sets its own.
        string[] timeout = extra.Contains("--duration") ? [] : ["--duration", "60s"];
        var run = await Tool.RunAsync(["rollout", "--url", fake.Url.ToString(), "--management", fake.Url.ToString(), .. FastRollout, .. timeout, .. extra]);
        output.WriteLine(run.Output);
        return run;
    }

    private static string[] FailedChecks(CliRun run) => run.Report.GetProperty("checks").EnumerateArray()
        .Where(c => !c.GetProperty("passed").GetBoolean())
        .Select(c => c.GetProperty("name").GetString()!)
        .ToArray();
}
