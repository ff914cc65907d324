using System.Globalization;

namespace LoadTests.Statistics;

/// <summary>
/// How far an observed share may stray from the expected one before a correct split is unlikely to have produced it:
/// each new user lands on canary with probability p, so the canary share of n users is binomial with standard
/// deviation sqrt(p(1−p)/n). The tolerance is <see cref="Sigmas"/> standard deviations plus a floor that absorbs what
/// the binomial does not model (the weight's 0.01 % bucket granularity, users cut short at the end of a run).
/// </summary>
internal sealed record ShareTolerance(double ExpectedPercent, long SampleSize, double Sigmas, double FloorPercent)
{
    /// <summary>4 standard deviations: a correct split fails about once in 16,000 runs.</summary>
    public const double DefaultSigmas = 4;

    /// <summary>Half a percentage point.</summary>
    public const double DefaultFloorPercent = 0.5;

    /// <summary>The binomial standard deviation of the share, in percentage points (infinite with no sample).</summary>
    public double StdDevPercent => SampleSize <= 0
        ? double.PositiveInfinity
        : 100.0 * Math.Sqrt(P * (1 - P) / SampleSize);

    /// <summary>The allowed distance from the expected share, in percentage points.</summary>
    public double TolerancePercent => (Sigmas * StdDevPercent) + FloorPercent;

    public double LowPercent => Math.Max(0, ExpectedPercent - TolerancePercent);

    public double HighPercent => Math.Min(100, ExpectedPercent + TolerancePercent);

    private double P => Math.Clamp(ExpectedPercent / 100.0, 0, 1);

    /// <summary>Whether <paramref name="observedPercent"/> is within the tolerance (bounds included).</summary>
    public bool Contains(double observedPercent) => SampleSize > 0 && observedPercent >= LowPercent && observedPercent <= HighPercent;

    /// <summary>The formula with its numbers, e.g. for the report.</summary>
    public string Explain() => string.Create(
        CultureInfo.InvariantCulture,
        $"tolerance = {Sigmas:0.##} × sqrt(p(1−p)/n) + {FloorPercent:0.##} pp = {Sigmas:0.##} × sqrt({P:0.####} × {1 - P:0.####} / {SampleSize}) + {FloorPercent:0.##} = {TolerancePercent:0.###} pp → accepted {LowPercent:0.###} % … {HighPercent:0.###} %");
}
