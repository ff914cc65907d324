using LoadTests.Statistics;

namespace LoadTests.Verdicts;

/// <summary>The limits a run must respect.</summary>
internal sealed record VerdictSettings
{
    /// <summary><c>--expect-canary</c>: the canary share of users, in percent; null: not checked.</summary>
    public double? ExpectCanaryPercent { get; init; }

    /// <summary><c>--max-errors</c>: the highest acceptable error rate in percent of requests (default 0: any error fails).</summary>
    public double MaxErrorPercent { get; init; }

    public double Sigmas { get; init; } = ShareTolerance.DefaultSigmas;

    public double FloorPercent { get; init; } = ShareTolerance.DefaultFloorPercent;
}
