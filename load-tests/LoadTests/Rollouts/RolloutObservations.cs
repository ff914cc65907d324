namespace LoadTests.Rollouts;

/// <summary>What the users of a rollout run saw, for <see cref="Verdicts.RolloutVerdicts"/>.</summary>
/// <param name="FirstAnswers">Each user's first answer naming a track: where the gateway put it as a new user.</param>
/// <param name="MovesBack">Every canary → stable move of a user.</param>
/// <param name="MovesToCanary">Stable → canary moves (expected while the weight rises).</param>
/// <param name="RollbackAnswers">Answers received while the last poll said RolledBack.</param>
/// <param name="Requests">Requests per track, by <c>X-Canary-Track</c> (<c>none</c> without the header).</param>
/// <param name="Errors">Failed requests per track, then per error kind.</param>
internal sealed record RolloutObservations(
    IReadOnlyList<ObservedAnswer> FirstAnswers,
    IReadOnlyList<MoveBack> MovesBack,
    long MovesToCanary,
    IReadOnlyList<ObservedAnswer> RollbackAnswers,
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Errors);
