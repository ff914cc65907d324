namespace Gateway.Rollouts;

/// <summary>The <c>GET /rollout</c> document (DESIGN.md "Rollouts").</summary>
public sealed record RolloutDocument(
    RolloutPhase Phase,
    int? Step,
    IReadOnlyList<double> Steps,
    double Weight,
    string Revision,
    string Self,
    string? Leader,
    DateTimeOffset? StartedAt,
    DateTimeOffset? UpdatedAt,
    string Reason,
    IReadOnlyList<RolloutCheck> Checks,
    IReadOnlyList<RolloutTransition> History);
