namespace LoadTests.Rollouts;

/// <summary>One entry of <c>GET /rollout</c>'s <c>checks</c>: the gateway's own analysis of one interval.</summary>
internal sealed record RolloutCheckEntry
{
    public DateTimeOffset? Time { get; init; }

    public int? Step { get; init; }

    public double Weight { get; init; }

    /// <summary>pass | fail | wait.</summary>
    public string Verdict { get; init; } = "";

    public string? Why { get; init; }

    public RolloutTrackFigures? Canary { get; init; }

    public RolloutTrackFigures? Stable { get; init; }
}
