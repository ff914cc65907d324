namespace LoadTests.Scenarios;

/// <summary>
/// Follows every user of a run beside <see cref="Statistics.RunStatistics"/>: a scenario whose verdicts need each
/// user's answers in order (the rollout's "never back to stable") hangs its bookkeeping here.
/// </summary>
internal interface IRunObserver
{
    /// <summary>A user of group <paramref name="group"/> starts; returns what follows its answers, or null to ignore it.</summary>
    IUserObserver? UserStarted(int group);
}
