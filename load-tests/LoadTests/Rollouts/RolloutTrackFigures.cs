namespace LoadTests.Rollouts;

/// <summary>One track's requests in one of the gateway's analysis intervals.</summary>
internal sealed record RolloutTrackFigures
{
    public long Requests { get; init; }

    public long Errors { get; init; }

    /// <summary>In percent.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Null without requests.</summary>
    public double? P99Ms { get; init; }
}
