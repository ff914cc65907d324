namespace Gateway.Rollouts;

/// <summary>One track's figures in a check, as <c>GET /rollout</c> shows them.</summary>
/// <param name="Requests">Requests in the interval.</param>
/// <param name="Errors">Of those, 5xx or failed in transport.</param>
/// <param name="ErrorRate">Errors in percent.</param>
/// <param name="P99Ms">The p99 latency in milliseconds (bucket upper bound), null without requests.</param>
public sealed record CheckFigures(long Requests, long Errors, double ErrorRate, double? P99Ms)
{
    /// <summary>The figures of <paramref name="sample"/>.</summary>
    public static CheckFigures Of(TrackSample sample) => new(sample.Requests, sample.Errors, Math.Round(sample.ErrorRatePercent, 4), sample.P99Milliseconds);
}
