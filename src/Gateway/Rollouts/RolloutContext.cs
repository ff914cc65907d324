namespace Gateway.Rollouts;

/// <summary>What a transition needs besides the state: the settings in effect, the time, and the weight <c>Idle</c> gives.</summary>
/// <param name="Options">The rollout settings in effect.</param>
/// <param name="Now">The time of the transition.</param>
/// <param name="IdleWeight">The weight without a rollout (<c>Gateway:Canary:Weight</c> or proportional).</param>
internal readonly record struct RolloutContext(RolloutOptions Options, DateTimeOffset Now, double IdleWeight);
