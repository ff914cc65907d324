using LoadTests.Rollouts;

namespace LoadTests.Tests.Rollouts;

public sealed class RolloutTimelineTests
{
    private static readonly TimeSpan NoMargin = TimeSpan.Zero;

    [Fact]
    public void Build_SameWeightPolls_OneStepFromFirstAnswerToLastRequest()
    {
        var timeline = RolloutTimeline.Build([Poll(0, "Progressing", 10), Poll(1, "Progressing", 10), Poll(2, "Progressing", 10)], NoMargin);

        var step = Assert.Single(timeline.Steps);
        Assert.Equal(10, step.Weight);
        // Poll n is sent at n and answered at n + 0.1: the weight held from the first answer to the last request.
        Assert.Equal(new TimeWindow(0.1, 2), step.Judged);
    }

    [Fact]
    public void Build_WeightChange_GapBetweenTheLastOldAndFirstNewPollIsNotJudged()
    {
        var timeline = RolloutTimeline.Build([Poll(0, "Progressing", 10), Poll(1, "Progressing", 10), Poll(2, "Progressing", 25), Poll(3, "Progressing", 25)], TimeSpan.FromSeconds(0.2));

        Assert.Equal([10.0, 25.0], timeline.Steps.Select(s => s.Weight));
        // The change happened between the request at 1 and the answer at 2.1; the margin narrows both sides.
        Assert.Equal(new TimeWindow(0.3, 0.8), timeline.Steps[0].Judged, new WindowComparer());
        Assert.Equal(new TimeWindow(2.3, 2.8), timeline.Steps[1].Judged, new WindowComparer());
    }

    [Fact]
    public void Build_WeightSeenByOnePollOnly_StepWithNothingJudged()
    {
        var timeline = RolloutTimeline.Build([Poll(0, "Progressing", 10), Poll(1, "Progressing", 25), Poll(2, "Progressing", 50)], NoMargin);

        Assert.True(timeline.Steps[1].Judged.IsEmpty);
    }

    [Fact]
    public void Build_RisingWeightThroughPauseAndPromotion_OneKeepCanaryWindow()
    {
        var timeline = RolloutTimeline.Build(
            [Poll(0, "Idle", 0), Poll(1, "Progressing", 5), Poll(2, "Paused", 5), Poll(3, "Progressing", 50), Poll(4, "Promoted", 100), Poll(5, "Promoted", 100)],
            NoMargin);

        var window = Assert.Single(timeline.KeepCanaryWindows);
        Assert.Equal(new TimeWindow(1.1, 5), window);
        Assert.Empty(timeline.RolledBackWindows);
    }

    [Fact]
    public void Build_WeightFallsOrRollback_EndsTheKeepCanaryWindow()
    {
        // A new rollout after a promotion starts again at the first step: 100 → 5 is a fall.
        var timeline = RolloutTimeline.Build(
            [Poll(0, "Progressing", 50), Poll(1, "Promoted", 100), Poll(2, "Progressing", 5), Poll(3, "Progressing", 10), Poll(4, "RolledBack", 0), Poll(5, "RolledBack", 0)],
            NoMargin);

        Assert.Equal([new TimeWindow(0.1, 1), new TimeWindow(2.1, 3)], timeline.KeepCanaryWindows);
        Assert.Equal(new TimeWindow(4.1, 5), Assert.Single(timeline.RolledBackWindows));
    }

    [Fact]
    public void Build_FailedPolls_Skipped()
    {
        var timeline = RolloutTimeline.Build([Poll(0, "Progressing", 10), new PollSample(1, 1.1, null, "timeout"), Poll(2, "Progressing", 10)], NoMargin);

        Assert.Equal(new TimeWindow(0.1, 2), Assert.Single(timeline.Steps).Judged);
        Assert.Single(timeline.Changes());
    }

    private static PollSample Poll(double sentAt, string phase, double weight) =>
        new(sentAt, sentAt + 0.1, new RolloutDocument { Phase = phase, Weight = weight }, null);

    private sealed class WindowComparer : IEqualityComparer<TimeWindow>
    {
        public bool Equals(TimeWindow x, TimeWindow y) => Math.Abs(x.From - y.From) < 1e-9 && Math.Abs(x.To - y.To) < 1e-9;

        public int GetHashCode(TimeWindow obj) => 0;
    }
}
