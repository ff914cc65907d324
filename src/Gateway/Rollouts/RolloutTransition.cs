namespace Gateway.Rollouts;

/// <summary>One entry of a rollout's history: a phase change or a step advance (<c>Progressing</c> → <c>Progressing</c>).</summary>
/// <param name="Time">When it happened.</param>
/// <param name="From">The phase before.</param>
/// <param name="To">The phase after.</param>
/// <param name="Step">The step after (0-based), null outside <c>Progressing</c> and <c>Paused</c>.</param>
/// <param name="Weight">The canary weight after, in percent.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record RolloutTransition(DateTimeOffset Time, RolloutPhase From, RolloutPhase To, int? Step, double Weight, string Reason);
