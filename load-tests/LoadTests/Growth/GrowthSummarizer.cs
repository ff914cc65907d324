using LoadTests.Bench;

namespace LoadTests.Growth;

/// <summary>Medians per target over the rounds, and the growth ratios (more work / less work).</summary>
internal static class GrowthSummarizer
{
    public static IReadOnlyList<GrowthSummary> Summarize(IReadOnlyList<RoundResult> rounds, IReadOnlyDictionary<string, GrowthMemory> memory) => rounds
        .GroupBy(r => r.Target)
        .Select(g =>
        {
            var cpu = g.All(r => r.CpuMicrosPerRequest is not null) ? g.Select(r => r.CpuMicrosPerRequest!.Value).ToArray() : null;
            return new GrowthSummary(
                g.Key,
                g.Count(),
                BenchSummarizer.Median(g.Select(r => r.RequestsPerSecond)),
                g.Min(r => r.RequestsPerSecond),
                g.Max(r => r.RequestsPerSecond),
                BenchSummarizer.Median(g.Select(r => r.P50Ms)),
                BenchSummarizer.Median(g.Select(r => r.P99Ms)),
                g.Min(r => r.P99Ms),
                g.Max(r => r.P99Ms),
                cpu is null ? null : BenchSummarizer.Median(cpu),
                cpu?.Min(),
                cpu?.Max(),
                g.Any(r => r.PeakRssKiB is not null) ? g.Max(r => r.PeakRssKiB ?? 0) : null,
                memory.GetValueOrDefault(g.Key),
                g.Sum(r => r.Errors),
                g.Sum(r => r.Requests));
        })
        .ToArray();

    /// <summary>
    /// <paramref name="name"/>: <paramref name="numerator"/>'s figures over <paramref name="denominator"/>'s, or null
    /// when either target is missing or did not answer. A cost ratio up to 1 + <paramref name="tolerance"/> (0.1 = 10 %)
    /// counts as flat.
    /// </summary>
    public static GrowthRatio? Ratio(IReadOnlyList<GrowthSummary> summary, string name, string numerator, string denominator, double tolerance)
    {
        var a = summary.FirstOrDefault(s => s.Target == numerator);
        var b = summary.FirstOrDefault(s => s.Target == denominator);
        if (a is null || b is null || a.MedianRps <= 0 || b.MedianRps <= 0)
        {
            return null;
        }

        static double? Divide(double? x, double? y) => x is { } p && y is { } q && q > 0 ? p / q : null;
        var cpu = Divide(a.MedianCpuMicrosPerRequest, b.MedianCpuMicrosPerRequest);
        var peak = Divide(a.PeakRssKiB, b.PeakRssKiB);
        return new GrowthRatio(
            name,
            numerator,
            denominator,
            a.MedianRps / b.MedianRps,
            Divide(a.MedianP99Ms, b.MedianP99Ms) ?? 0,
            cpu,
            peak,
            Divide(a.Memory?.AfterRssKiB, b.Memory?.AfterRssKiB),
            cpu is { } c && peak is { } p ? c <= 1 + tolerance && p <= 1 + tolerance : null);
    }

    /// <summary>Whether every target answered, with errors under <see cref="BenchSummarizer.MaxErrorShare"/>.</summary>
    public static bool Passed(IReadOnlyList<GrowthSummary> summary) =>
        summary.Count > 0 && summary.All(s => s.Requests > 0 && s.Errors <= s.Requests * BenchSummarizer.MaxErrorShare);
}
