using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts;

public sealed class RolloutEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CanaryRevision RevisionA = new(["kubeapp-canary-a"]);
    private static readonly RolloutOptions Options = new() { Steps = [10, 50, 100], ChecksPerStep = 2, FailureLimit = 2 };

    public static TheoryData<RolloutPhase, RolloutCommand, RolloutPhase?> Table() => new()
    {
        // DESIGN.md's table: allowed from → goes to; anything else (the target reached included) is a 409 (null).
        { RolloutPhase.Idle, RolloutCommand.Start, RolloutPhase.Progressing },
        { RolloutPhase.Promoted, RolloutCommand.Start, RolloutPhase.Progressing },
        { RolloutPhase.Succeeded, RolloutCommand.Start, RolloutPhase.Progressing },
        { RolloutPhase.RolledBack, RolloutCommand.Start, RolloutPhase.Progressing },
        { RolloutPhase.Progressing, RolloutCommand.Start, null },
        { RolloutPhase.Paused, RolloutCommand.Start, null },
        { RolloutPhase.Progressing, RolloutCommand.Pause, RolloutPhase.Paused },
        { RolloutPhase.Paused, RolloutCommand.Pause, null },
        { RolloutPhase.Idle, RolloutCommand.Pause, null },
        { RolloutPhase.Paused, RolloutCommand.Resume, RolloutPhase.Progressing },
        { RolloutPhase.Progressing, RolloutCommand.Resume, null },
        { RolloutPhase.RolledBack, RolloutCommand.Resume, null },
        { RolloutPhase.Progressing, RolloutCommand.Promote, RolloutPhase.Promoted },
        { RolloutPhase.Paused, RolloutCommand.Promote, RolloutPhase.Promoted },
        { RolloutPhase.Promoted, RolloutCommand.Promote, null },
        { RolloutPhase.RolledBack, RolloutCommand.Promote, null },
        { RolloutPhase.Progressing, RolloutCommand.Abort, RolloutPhase.RolledBack },
        { RolloutPhase.Paused, RolloutCommand.Abort, RolloutPhase.RolledBack },
        { RolloutPhase.Promoted, RolloutCommand.Abort, RolloutPhase.RolledBack },
        { RolloutPhase.RolledBack, RolloutCommand.Abort, null },
        { RolloutPhase.Idle, RolloutCommand.Abort, null },
        { RolloutPhase.Succeeded, RolloutCommand.Abort, null },
        { RolloutPhase.Progressing, RolloutCommand.Reset, RolloutPhase.Idle },
        { RolloutPhase.RolledBack, RolloutCommand.Reset, RolloutPhase.Idle },
        { RolloutPhase.Succeeded, RolloutCommand.Reset, RolloutPhase.Idle },
        { RolloutPhase.Idle, RolloutCommand.Reset, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Apply_FollowsDesignsTable(RolloutPhase from, RolloutCommand command, RolloutPhase? to)
    {
        var state = RolloutState.Initial with { Phase = from, Step = from is RolloutPhase.Progressing or RolloutPhase.Paused ? 1 : null };

        var (next, conflict) = RolloutEngine.Apply(state, command, RevisionA, Context(T0.AddMinutes(1)));

        if (to is null)
        {
            Assert.Null(next);
            Assert.False(string.IsNullOrWhiteSpace(conflict));
            return;
        }

        Assert.NotNull(next);
        Assert.Equal(to, next.Phase);
        var transition = Assert.Single(next.History);
        Assert.Equal((from, to.Value), (transition.From, transition.To));
        Assert.Equal(T0.AddMinutes(1), transition.Time);
    }

    [Theory]
    [InlineData(RolloutPhase.Idle, null, 7.5)]
    [InlineData(RolloutPhase.Progressing, 1, 50)]
    [InlineData(RolloutPhase.Paused, 0, 10)]
    [InlineData(RolloutPhase.Promoted, null, 100)]
    [InlineData(RolloutPhase.Succeeded, null, 0)]
    [InlineData(RolloutPhase.RolledBack, null, 0)]
    public void WeightFollowsThePhase(RolloutPhase phase, int? step, double weight)
    {
        var state = RolloutState.Initial with { Phase = phase, Step = step };

        Assert.Equal(weight, RolloutEngine.WeightOf(state, Options) ?? 7.5);
    }

    [Fact]
    public void WeightOfAStepBeyondReloadedSteps_HoldsTheLastStep()
    {
        var state = RolloutState.Initial with { Phase = RolloutPhase.Progressing, Step = 4 };

        Assert.Equal(100, RolloutEngine.WeightOf(state, Options));
    }

    [Fact]
    public void Start_RecordsRevisionAndMarksItSeen()
    {
        var (next, _) = RolloutEngine.Apply(RolloutState.Initial, RolloutCommand.Start, new CanaryRevision(["rs-a", "rs-b"]), Context(T0));

        Assert.Equal("rs-a,rs-b", next!.Revision);
        Assert.Equal(["rs-a", "rs-b"], next.RevisionsSeen.ToArray());
        Assert.Equal((RolloutPhase.Progressing, (int?)0, 10d), (next.Phase, next.Step, next.History[0].Weight));
        Assert.Equal(T0, next.StartedAt);
    }

    [Fact]
    public void Reset_MarksTheCurrentRevisionSeen_SoAutoStartLeavesIt()
    {
        var running = Begin();
        var (reset, _) = RolloutEngine.Apply(running, RolloutCommand.Reset, new CanaryRevision(["kubeapp-canary-a", "kubeapp-canary-b"]), Context(T0));

        Assert.Null(RolloutEngine.OnCanaryChanged(reset!, new CanaryRevision(["kubeapp-canary-b"]), Context(T0)));
        Assert.Equal(7.5, reset!.History[^1].Weight);
    }

    [Fact]
    public void Resume_StartsThePassingChecksOver()
    {
        var state = RolloutEngine.AfterCheck(Begin(), RolloutVerdict.Pass, "ok", Context(T0));
        Assert.Equal(1, state.Passes);

        var (paused, _) = RolloutEngine.Apply(state, RolloutCommand.Pause, RevisionA, Context(T0));
        var (resumed, _) = RolloutEngine.Apply(paused!, RolloutCommand.Resume, RevisionA, Context(T0.AddMinutes(5)));

        Assert.Equal((RolloutPhase.Progressing, (int?)0, 0), (resumed!.Phase, resumed.Step, resumed.Passes));
        Assert.Equal(T0.AddMinutes(5), resumed.StepStartedAt);
    }

    [Fact]
    public void Checks_AdvanceAfterChecksPerStep_PromoteAfterTheLastStep()
    {
        var state = Begin();
        var steps = new List<int?>();
        for (var i = 0; i < 6; i++)
        {
            state = RolloutEngine.AfterCheck(state, RolloutVerdict.Pass, "ok", Context(T0.AddSeconds(30 * (i + 1))));
            steps.Add(state.Step);
        }

        Assert.Equal([0, 1, 1, 2, 2, null], steps);
        Assert.Equal(RolloutPhase.Promoted, state.Phase);
        Assert.Equal(
            [(RolloutPhase.Idle, RolloutPhase.Progressing, 10d), (RolloutPhase.Progressing, RolloutPhase.Progressing, 50d), (RolloutPhase.Progressing, RolloutPhase.Progressing, 100d), (RolloutPhase.Progressing, RolloutPhase.Promoted, 100d)],
            state.History.Select(t => (t.From, t.To, t.Weight)));
        Assert.Equal("all 3 steps passed", state.Reason);
    }

    [Fact]
    public void Waits_NeitherCountNorResetTheFailures()
    {
        var state = RolloutEngine.AfterCheck(Begin(), RolloutVerdict.Fail, "bad", Context(T0));
        state = RolloutEngine.AfterCheck(state, RolloutVerdict.Wait, "few", Context(T0));
        state = RolloutEngine.AfterCheck(state, RolloutVerdict.Wait, "few", Context(T0));
        Assert.Equal((RolloutPhase.Progressing, 1), (state.Phase, state.Failures));

        state = RolloutEngine.AfterCheck(state, RolloutVerdict.Fail, "bad again", Context(T0));

        Assert.Equal(RolloutPhase.RolledBack, state.Phase);
        Assert.Contains("2 failing check(s) in a row at step 1: bad again", state.Reason);
    }

    [Fact]
    public void APass_ResetsTheFailures_AFail_ResetsThePasses()
    {
        var state = RolloutEngine.AfterCheck(Begin(), RolloutVerdict.Fail, "bad", Context(T0));
        state = RolloutEngine.AfterCheck(state, RolloutVerdict.Pass, "ok", Context(T0));
        Assert.Equal((0, 1), (state.Failures, state.Passes));

        state = RolloutEngine.AfterCheck(state, RolloutVerdict.Fail, "bad", Context(T0));
        Assert.Equal((1, 0, RolloutPhase.Progressing), (state.Failures, state.Passes, state.Phase));
    }

    [Fact]
    public void RollingUpdateOfTheCanary_StartsOneRollout()
    {
        var state = Begin();
        var starts = 0;
        foreach (var names in new[] { new[] { "kubeapp-canary-a", "kubeapp-canary-b" }, ["kubeapp-canary-b"], ["kubeapp-canary-b"] })
        {
            if (RolloutEngine.OnCanaryChanged(state, new CanaryRevision(names), Context(T0)) is { } next)
            {
                starts++;
                state = next;
            }
        }

        Assert.Equal(1, starts);
        Assert.Equal("kubeapp-canary-a,kubeapp-canary-b", state.Revision);
    }

    [Fact]
    public void RolledBackRevision_NotRetriedByItself_ANewOneIs()
    {
        var rolledBack = RolloutEngine.Apply(Begin(), RolloutCommand.Abort, RevisionA, Context(T0)).Next!;

        Assert.Null(RolloutEngine.OnCanaryChanged(rolledBack, RevisionA, Context(T0)));
        Assert.Null(RolloutEngine.OnCanaryChanged(rolledBack, CanaryRevision.None, Context(T0)));
        var next = RolloutEngine.OnCanaryChanged(rolledBack, new CanaryRevision(["kubeapp-canary-c"]), Context(T0));
        Assert.Equal((RolloutPhase.Progressing, (int?)0), (next!.Phase, next.Step));
        Assert.Equal("new revision kubeapp-canary-c", next.Reason);
    }

    [Fact]
    public void AutoStartOff_NewRevisionStartsNothing()
    {
        var context = new RolloutContext(new RolloutOptions { AutoStart = false }, T0, 0);

        Assert.Null(RolloutEngine.OnCanaryChanged(RolloutState.Initial, RevisionA, context));
    }

    [Fact]
    public void History_KeepsTheLast50()
    {
        var state = Begin();
        for (var i = 0; i < 60; i++)
        {
            state = RolloutEngine.Apply(state, i % 2 == 0 ? RolloutCommand.Pause : RolloutCommand.Resume, RevisionA, Context(T0.AddSeconds(i))).Next!;
        }

        Assert.Equal(RolloutState.HistoryLimit, state.History.Length);
        Assert.Equal(T0.AddSeconds(59), state.History[^1].Time);
    }

    private static RolloutState Begin() => RolloutEngine.OnCanaryChanged(RolloutState.Initial, RevisionA, Context(T0))!;

    private static RolloutContext Context(DateTimeOffset now) => new(Options, now, IdleWeight: 7.5);
}
