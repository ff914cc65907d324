namespace LoadTests.Rollouts;

/// <summary>Everything a rollout run gathered, for <see cref="Verdicts.RolloutVerdicts"/>.</summary>
/// <param name="Settings">What was expected and how it was polled.</param>
/// <param name="Samples">Every poll of <c>GET /rollout</c>, in order.</param>
/// <param name="Ended">The poll that first showed the final phase, or null when the run ended before.</param>
/// <param name="Latest">The last document received (with the gateway's history and checks).</param>
/// <param name="Observations">What the users saw.</param>
/// <param name="EndReason">The scenario runner's: <c>stopped</c> (the rollout ended), <c>duration cap</c>, <c>completed</c> (no users left) or <c>interrupted</c>.</param>
/// <param name="TimeoutSeconds">The run's cap (<c>--duration</c>).</param>
internal sealed record RolloutRun(
    RolloutSettings Settings,
    IReadOnlyList<PollSample> Samples,
    RolloutDocument? Ended,
    RolloutDocument? Latest,
    RolloutObservations Observations,
    string EndReason,
    double TimeoutSeconds);
