using LoadTests.Diagnostics;

namespace LoadTests.Soak;

/// <summary>One sample of a soak.</summary>
/// <param name="Minute">The scheduled minute, as listed (before scaling).</param>
/// <param name="Elapsed">When it was taken, from the start of the watch.</param>
/// <param name="RequestsPerSecond">Requests the gateway routed per second since the previous sample (null without a metrics URL).</param>
/// <param name="CpuPercent">Gateway CPU (user + system) since the previous sample, in percent of one core.</param>
/// <param name="Sample">Working set, heap after a full GC and heap count.</param>
internal sealed record SoakRow(double Minute, TimeSpan Elapsed, double? RequestsPerSecond, double? CpuPercent, GcSample Sample)
{
    /// <summary>Change per second of a counter between two readings; null when either is missing or no time passed.</summary>
    public static double? Rate(double? before, double? after, TimeSpan interval) =>
        before is { } b && after is { } a && interval > TimeSpan.Zero ? (a - b) / interval.TotalSeconds : null;

    /// <summary>CPU time used in <paramref name="interval"/>, in percent of one core (200 = both cores of this machine busy).</summary>
    public static double? CpuPercentOf(TimeSpan cpuBefore, TimeSpan cpuAfter, TimeSpan interval) =>
        interval > TimeSpan.Zero ? (cpuAfter - cpuBefore) / interval * 100 : null;
}
