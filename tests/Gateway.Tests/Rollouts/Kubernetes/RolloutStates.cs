using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>Rollout states for store tests: each distinct, and one using every field.</summary>
internal static class RolloutStates
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);

    public static RolloutState Progressing(int step, string revision = "kubeapp-canary-5f7c8d9b4") => new()
    {
        Phase = RolloutPhase.Progressing,
        Step = step,
        Revision = revision,
        StartedAt = Start,
        UpdatedAt = Start.AddMinutes(step),
        StepStartedAt = Start.AddMinutes(step),
        Reason = $"step {step}",
        RevisionsSeen = [revision],
    };

    /// <summary>Every member set, with odd values: sub-millisecond times in two offsets, a weight that is no short decimal, nulls, quotes and non-ASCII text.</summary>
    public static RolloutState Full() => new()
    {
        Phase = RolloutPhase.Paused,
        Step = 2,
        Revision = "kubeapp-canary-5f7c8d9b4,kubeapp-canary-6b8d7f5c9",
        StartedAt = new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
        UpdatedAt = new DateTimeOffset(2026, 12, 1, 17, 3, 0, TimeSpan.FromHours(-5)).AddTicks(1),
        Reason = "paused by \"ops\" — naïve check",
        Passes = 1,
        Failures = 3,
        StepStartedAt = null,
        RevisionsSeen = ["kubeapp-canary-5f7c8d9b4", "kubeapp-canary-6b8d7f5c9"],
        History =
        [
            new(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, "new revision kubeapp-canary-5f7c8d9b4"),
            new(Start.AddMinutes(1), RolloutPhase.Progressing, RolloutPhase.Progressing, 2, 0.1 + 0.2, "step 1 passed 2 checks"),
            new(Start.AddMinutes(2), RolloutPhase.Progressing, RolloutPhase.RolledBack, null, 0, "aborted by the management API"),
        ],
    };
}
