using LoadTests.Reporting;
using LoadTests.Rollouts;
using LoadTests.Statistics;
using LoadTests.Verdicts;

namespace LoadTests.Tests.Verdicts;

/// <summary>
/// The rollout's verdicts on a crafted run: polled Progressing at 10 % (0–2 s), 50 % (2–4 s), then RolledBack
/// (4–6 s), each poll answered 0.1 s after it was sent, no change margin.
/// </summary>
public sealed class RolloutVerdictsTests
{
    private static readonly PollSample[] Polls =
    [
        Poll(0, "Progressing", 10), Poll(1, "Progressing", 10), Poll(2, "Progressing", 50), Poll(3, "Progressing", 50),
        Poll(4, "RolledBack", 0, "step 1 failed 2 checks"), Poll(5, "RolledBack", 0), Poll(6, "RolledBack", 0),
    ];

    [Fact]
    public void Evaluate_MoveBackBetweenTwoRisingSteps_Fails()
    {
        var report = Evaluate(Observations(movesBack: [new MoveBack(7, Answer(7, 0.5, canary: true), Answer(7, 2.5, canary: false))]));

        var check = Single(report, "no move back to stable");
        Assert.False(check.Passed);
        Assert.Contains("user 7: canary at 0.510 s, stable at 2.510 s", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MoveBackAcrossTheRollback_Passes()
    {
        var report = Evaluate(Observations(movesBack: [new MoveBack(7, Answer(7, 2.5, canary: true), Answer(7, 4.5, canary: false))]));

        Assert.True(Single(report, "no move back to stable").Passed);
    }

    [Fact]
    public void Evaluate_MoveBackStraddlingAChange_NotJudged()
    {
        // The canary answer was sent before the first poll was answered (0.1 s): the weight then is unknown.
        var report = Evaluate(Observations(movesBack: [new MoveBack(7, Answer(7, 0.05, canary: true), Answer(7, 0.5, canary: false))]));

        Assert.True(Single(report, "no move back to stable").Passed);
    }

    [Fact]
    public void Evaluate_CanaryAnswerAfterRollback_FailsStableAfterRollback()
    {
        var report = Evaluate(Observations(rollback: [Answer(1, 4.5, canary: false), Answer(2, 5.5, canary: true)]));

        var check = Single(report, "stable after rollback");
        Assert.False(check.Passed);
        Assert.Contains("1 of 2 answers (1 of 2 users) after the rollback came from canary", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RolledBackButNoAnswersAfter_FailsAskingForATail()
    {
        var report = Evaluate(Observations(rollback: []));

        Assert.Contains("lengthen --tail", Single(report, "stable after rollback").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShareOfNewUsersPerStep_UsesSplitsTolerance()
    {
        // 10 % step: 12 of 100 new users on canary, inside 10 ± (4 × 3 + 0.5); 50 % step: 80 of 100, outside 50 ± 20.5.
        // Both inside their step's judged stretch: 0.1–1 s and 2.1–3 s.
        var first = Enumerable.Range(0, 100).Select(i => Answer(i, 0.2 + (i * 0.007), canary: i < 12))
            .Concat(Enumerable.Range(100, 100).Select(i => Answer(i, 2.2 + ((i - 100) * 0.007), canary: i < 180)));

        var report = Evaluate(Observations(firstAnswers: [.. first]));

        var steps = report.Rollout!.Steps;
        Assert.Equal(["pass", "fail", "not judged"], steps.Select(s => s.Verdict));
        Assert.Equal(12.5, steps[0].Share!.TolerancePercent, 1e-9);
        var check = Single(report, "canary share of new users per step");
        Assert.False(check.Passed);
        Assert.Contains("step 1 (50 %, Progressing): 80 % of 100 new users on canary, accepted 29.5 … 70.5 %", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RolledBackExpectingPromotion_FailsWithTheGatewaysReason()
    {
        var ended = Polls[4].Document!;

        var report = Evaluate(Observations(), ended, ExpectedOutcome.Promoted);

        var check = Single(report, "final phase");
        Assert.False(check.Passed);
        Assert.Equal("rolled back: step 1 failed 2 checks; expected promoted", check.Detail);
        Assert.Equal(check.Detail, report.Rollout!.Outcome);
        Assert.True(Evaluate(Observations(), ended, ExpectedOutcome.RolledBack).Checks.Single(c => c.Name == "final phase").Passed);
    }

    [Theory]
    [InlineData("stable", "status-503", 0.0, false)]
    [InlineData("none", "connection-refused", 0.0, false)]
    [InlineData("canary", "track-mismatch", 0.0, false)]
    [InlineData("canary", "status-502", 0.0, true)]
    [InlineData("stable", "status-503", 1.0, true)]
    public void Evaluate_Errors_OnlyTheCanaryMayFail(string track, string kind, double maxErrors, bool passes)
    {
        var errors = new Dictionary<string, IReadOnlyDictionary<string, long>> { [track] = new Dictionary<string, long> { [kind] = 1 } };
        var observations = Observations() with { Requests = new Dictionary<string, long> { ["canary"] = 100, ["stable"] = 100, ["none"] = 1 }, Errors = errors };

        var report = Evaluate(observations, settings: new VerdictSettings { MaxErrorPercent = maxErrors });

        Assert.Equal(passes, Single(report, "errors only on canary").Passed);
    }

    private static RunReport Evaluate(RolloutObservations observations, RolloutDocument? ended = null, ExpectedOutcome expect = ExpectedOutcome.RolledBack, VerdictSettings? settings = null)
    {
        var rollout = new RolloutSettings { RolloutUrl = new Uri("http://127.0.0.1:9090/rollout"), Expect = expect, ChangeMargin = TimeSpan.Zero };
        var run = new RolloutRun(rollout, Polls, ended ?? Polls[4].Document, Polls[^1].Document, observations, "stopped", 60);
        return RolloutVerdicts.Evaluate(EmptyReport(), run, settings ?? new VerdictSettings());
    }

    private static RolloutObservations Observations(ObservedAnswer[]? firstAnswers = null, MoveBack[]? movesBack = null, ObservedAnswer[]? rollback = null) => new(
        firstAnswers ?? [],
        movesBack ?? [],
        0,
        rollback ?? [Answer(1, 4.5, canary: false)],
        new Dictionary<string, long> { ["stable"] = 1 },
        new Dictionary<string, IReadOnlyDictionary<string, long>>());

    private static ObservedAnswer Answer(int user, double start, bool canary) => new(user, start, start + 0.01, canary);

    private static PollSample Poll(double sentAt, string phase, double weight, string? reason = null) =>
        new(sentAt, sentAt + 0.1, new RolloutDocument { Phase = phase, Weight = weight, Reason = reason }, null);

    private static Check Single(RunReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    private static RunReport EmptyReport() => new(
        "canary-load", "rollout", "", DateTimeOffset.UnixEpoch, 7, "stopped", "",
        new TargetReport("http://x/", null, [], "none", "2.0", 10),
        new SimulationReport("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        new TotalsReport(0, 0, 0, 0, new Dictionary<string, long>(), 0, 0, 0, 0, LatencySummary.Empty),
        [],
        []);
}
