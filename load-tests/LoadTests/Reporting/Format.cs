using System.Globalization;
using LoadTests.Statistics;

namespace LoadTests.Reporting;

/// <summary>Number formatting shared by the reports and the console (invariant culture).</summary>
internal static class Format
{
    public static string Ms(double value) => value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    public static string Pct(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " %";

    public static string Num(double value) => value.ToString(value == Math.Floor(value) ? "#,0" : "#,0.0", CultureInfo.InvariantCulture);

    public static string Latency(LatencySummary l) =>
        $"p50 {Ms(l.P50Ms)} · p90 {Ms(l.P90Ms)} · p99 {Ms(l.P99Ms)} · p99.9 {Ms(l.P999Ms)} · max {Ms(l.MaxMs)} ms";

    public static string Errors(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "none" : string.Join(", ", errors.Select(kv => $"{kv.Key} {kv.Value}"));
}
