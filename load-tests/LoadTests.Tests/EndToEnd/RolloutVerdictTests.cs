using System.Text.Json;
using LoadTests.Cli;
using LoadTests.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace LoadTests.Tests.EndToEnd;

/// <summary>
/// The <c>rollout</c> scenario through its command line against <see cref="FakeRolloutGateway"/>: a clean rollout
/// passes, and each verdict fails when the fake commits its fault. The fake changes state only when the tool's own
/// polls and users let it, at points where nobody is on the way (<see cref="FakeRolloutDirector"/>), so every run
/// goes through the same states and the tool judges the same users whatever the machine's load: a loaded machine
/// makes a run slower (each takes a few seconds here), never different. Every assertion's message carries
/// the tool's output, its report and the fake's account of the run.
/// </summary>
public sealed class RolloutVerdictTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rollout_CleanPromotion_PassesWithEveryStepJudged()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript());

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            AssertPromotedWithEveryStepJudged(run, fake, [0.0, 10.0, 50.0, 100.0]);
            var rollout = run.Report.GetProperty("rollout");
            Assert.True(rollout.GetProperty("moves").GetProperty("movesToCanary").GetInt64() > 0, "returning users moved to canary as the weight rose");
            Assert.Equal(4, rollout.GetProperty("history").GetArrayLength());
            Assert.Contains("rollout: promoted: step 2 passed 2 checks", run.Output, StringComparison.Ordinal);
            foreach (var file in new[] { "report.md", "report.html", "rollout.png", "latency.png", "throughput.png" })
            {
                Assert.True(File.Exists(Path.Combine(run.ReportDirectory, file)), file);
            }

            var html = File.ReadAllText(Path.Combine(run.ReportDirectory, "report.html"));
            Assert.Contains("Weight steps and the canary share of new users", html, StringComparison.Ordinal);
            Assert.Contains("The gateway's rollout history (last poll)", html, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// A machine too loaded to serve anything promptly: every poll and request reaches the fake up to 100 ms late and
    /// its answer leaves up to 100 ms late, overtaking each other. The run takes longer; the verdicts and the users
    /// judged stay the same.
    /// </summary>
    [Fact]
    public async Task Rollout_PollsAndRequestsLagging_JudgesTheSameUsers()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { Lag = TimeSpan.FromMilliseconds(100) });

        var run = await RunAsync(fake);

        Verify(run, fake, () => AssertPromotedWithEveryStepJudged(run, fake, [0.0, 10.0, 50.0, 100.0]));
    }

    /// <summary>
    /// A 1 % first step: the fake goes to it only when a returning user with a bucket under 100 is among the users it
    /// holds (to move to canary with the rise), so it answers them and gathers again, mostly several times.
    /// </summary>
    [Fact]
    public async Task Rollout_OnePercentFirstStep_PassesWithEveryStepJudged()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { Steps = [1, 50, 100] });

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            AssertPromotedWithEveryStepJudged(run, fake, [0.0, 1.0, 50.0, 100.0]);
            Assert.True(run.Report.GetProperty("rollout").GetProperty("moves").GetProperty("movesToCanary").GetInt64() > 0, "returning users moved to canary as the weight rose");
        });
    }

    [Fact]
    public async Task Rollout_CanaryUsersMovedBackToStable_FailsNoMoveBack()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { MoveBackAtStep = 1 });

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            Assert.True(fake.MovedBack > 0, "the fake must have moved someone back for this test to mean anything");
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Equal(["no move back to stable"], FailedChecks(run));
            Assert.True(run.Report.GetProperty("rollout").GetProperty("moves").GetProperty("movesBackWhileRising").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Rollout_StableAnswers503_FailsErrorsOnlyOnCanary()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { StableErrorEvery = 25 });

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Equal(["errors only on canary"], FailedChecks(run));
            Assert.True(run.Report.GetProperty("rollout").GetProperty("errors").GetProperty("otherErrorsByKind").GetProperty("stable: status-503").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Rollout_SplitOffByThirtyPoints_FailsShareOfNewUsers()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { ShareOffset = 30 });

        var run = await RunAsync(fake);

        // The fake routes 40 % to canary while advertising 10 %. The tool judges the step on the fake's 60 or more new
        // users, consecutive golden-ratio buckets: 36.7–42.9 % of them on canary, where the tolerance
        // (4 × sqrt(0.1 × 0.9 / n) + 0.5 pp, under 16.5 pp) accepts at most 26.5 %.
        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Equal(["canary share of new users per step"], FailedChecks(run));
            var ten = run.Report.GetProperty("rollout").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("weight").GetDouble() == 10);
            Assert.Equal("fail", ten.GetProperty("verdict").GetString());
            Assert.InRange(ten.GetProperty("newUsers").GetInt64(), fake.Script.NewUsersPerState, long.MaxValue);
            Assert.InRange(ten.GetProperty("share").GetProperty("observedPercent").GetDouble(), 35, 45);
        });
    }

    [Fact]
    public async Task Rollout_RolledBackWhilePromotionExpected_FailsWithTheReason()
    {
        var script = new FakeRolloutScript { RollBackAfterStep = 1, CanaryErrorEvery = 10 };
        await using var fake = await FakeRolloutGateway.StartAsync(script);

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Equal(["final phase"], FailedChecks(run));
            Assert.Contains($"rollout: rolled back: {script.RollbackReason}; expected promoted", run.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rollout_RolledBackWithCanaryErrors_ExpectRolledBack_Passes()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RollBackAfterStep = 1, CanaryErrorEvery = 10 });

        var run = await RunAsync(fake, "--expect", "rolled-back");

        // The canary's 503s are the canary's business (the gateway's gates judge them); everyone is on stable afterwards.
        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Passed, run.ExitCode);
            var rollout = run.Report.GetProperty("rollout");
            Assert.Equal("RolledBack", rollout.GetProperty("finalPhase").GetString());
            Assert.True(rollout.GetProperty("errors").GetProperty("canaryErrors").GetInt64() > 0);
            var rollback = rollout.GetProperty("rollback");
            Assert.True(rollback.GetProperty("answers").GetInt64() > 0);
            Assert.Equal(0, rollback.GetProperty("canaryAnswers").GetInt64());
        });
    }

    [Fact]
    public async Task Rollout_CanaryUsersKeptAfterRollback_FailsStableAfterRollback()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RollBackAfterStep = 1, KeepCanaryAfterRollback = true });

        var run = await RunAsync(fake, "--expect", "rolled-back");

        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Equal(["stable after rollback"], FailedChecks(run));
            Assert.True(run.Report.GetProperty("rollout").GetProperty("rollback").GetProperty("canaryUsers").GetInt64() > 0);
        });
    }

    [Fact]
    public async Task Rollout_NeverEnds_TimesOutAndFails()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { NewUsersPerState = int.MaxValue });

        var run = await RunAsync(fake, "--duration", "1s");

        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Failed, run.ExitCode);
            Assert.Contains("final phase", FailedChecks(run));
            Assert.Contains("rollout: timed out after 1 s in phase Idle at 0 %", run.Output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rollout_RolloutsDisabled_ExitCode2WithTheReason()
    {
        await using var fake = await FakeRolloutGateway.StartAsync(new FakeRolloutScript { RolloutsDisabled = true });

        var run = await RunAsync(fake);

        Verify(run, fake, () =>
        {
            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Contains("404: rollouts are disabled", run.Output, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("--expect", "maybe", "Argument 'maybe' not recognized")]
    [InlineData("--arrival-rate", "0", "--arrival-rate must be positive")]
    [InlineData("--management", "not a url", "--management: 'not a url' is not")]
    [InlineData("--poll-interval", "0s", "--poll-interval must be positive")]
    public async Task Rollout_BadArguments_ExitCode2(string option, string value, string message)
    {
        // Nothing listens on port 1: a bad argument the tool took would end at the first GET /rollout, exit code 2 too,
        // so the message must name what was wrong.
        string[] management = option == "--management" ? [] : ["--management", "http://127.0.0.1:1/"];
        using var writer = new StringWriter();
        var exitCode = await CanaryLoadCli.RunAsync(["rollout", "--url", "http://127.0.0.1:1/", .. management, option, value, "--no-live"], writer);
        output.WriteLine(writer.ToString());

        Explained($"--- canary-load exited {exitCode}; its output ---\n{writer}", () =>
        {
            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.Contains($"canary-load: {message}", writer.ToString(), StringComparison.Ordinal);
        });
    }

    private async Task<CliRun> RunAsync(FakeRolloutGateway fake, params string[] extra)
    {
        // A timeout no loaded machine reaches (a rollout here ends in seconds), unless a test sets its own.
        string[] timeout = extra.Contains("--duration") ? [] : ["--duration", "10m"];
        var run = await Tool.RunAsync(["rollout", "--url", fake.Url.ToString(), "--management", fake.Url.ToString(), .. fake.Script.ToolArguments(), .. timeout, .. extra]);
        output.WriteLine(run.Output);
        output.WriteLine(fake.Describe());
        return run;
    }

    /// <summary>The fake did as scripted, then <paramref name="assertions"/>; a failure carries the whole run with it.</summary>
    private static void Verify(CliRun run, FakeRolloutGateway fake, Action assertions) => Explained(
        $"{run.Explain()}\n--- the fake gateway, poll by poll ---\n{fake.Describe()}",
        () =>
        {
            Assert.Empty(fake.Problems);
            assertions();
        });

    private static void Explained(string context, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Exception ex)
        {
            throw new XunitException($"{ex.Message}\n\n{context}", ex);
        }
    }

    /// <summary>Promoted, and each weight judged on at least the fake's new users; the two middle ones on exactly those.</summary>
    private static void AssertPromotedWithEveryStepJudged(CliRun run, FakeRolloutGateway fake, double[] weights)
    {
        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        var rollout = run.Report.GetProperty("rollout");
        Assert.Equal("Promoted", rollout.GetProperty("finalPhase").GetString());
        // Idle, the steps, then 100 % (the last step and Promoted), each judged. The steps between are judged on
        // exactly the new users the fake answered between its quiet points, none lost to a late request or a late
        // poll; Idle and 100 % on those and more (the users held at the start, or across the last step's change
        // to Promoted at the same weight, may have started after the polls that frame them).
        var steps = rollout.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(weights, steps.Select(s => s.GetProperty("weight").GetDouble()));
        Assert.All(steps, s => Assert.Equal("pass", s.GetProperty("verdict").GetString()));
        var judged = fake.JudgedNewUsers;
        Assert.All(judged.Take(4), n => Assert.InRange(n, fake.Script.NewUsersPerState, int.MaxValue));
        var newUsers = steps.Select(s => s.GetProperty("newUsers").GetInt64()).ToArray();
        Assert.InRange(newUsers[0], judged[0], long.MaxValue);
        Assert.Equal(judged[1], newUsers[1]);
        Assert.Equal(judged[2], newUsers[2]);
        Assert.InRange(newUsers[3], judged[3], long.MaxValue);
    }

    private static string[] FailedChecks(CliRun run) => run.Report.GetProperty("checks").EnumerateArray()
        .Where(c => !c.GetProperty("passed").GetBoolean())
        .Select(c => c.GetProperty("name").GetString()!)
        .ToArray();
}
