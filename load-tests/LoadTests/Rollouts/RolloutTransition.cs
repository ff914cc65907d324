namespace LoadTests.Rollouts;

/// <summary>One entry of <c>GET /rollout</c>'s <c>history</c>: a phase change or a step advance.</summary>
internal sealed record RolloutTransition
{
    public DateTimeOffset? Time { get; init; }

    public string From { get; init; } = "";

    public string To { get; init; } = "";

    public int? Step { get; init; }

    public double Weight { get; init; }

    public string? Reason { get; init; }
}
