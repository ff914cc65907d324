namespace LoadTests.Bench;

/// <summary>The bench's figures: <c>bench.json</c>, and the source of <c>bench.md</c>.</summary>
internal sealed record BenchReport(
    string Tool,
    DateTimeOffset StartedAt,
    string CommandLine,
    string Machine,
    string Engine,
    int Connections,
    double WarmupSeconds,
    double RoundSeconds,
    int RoundCount,
    IReadOnlyList<RoundResult> Rounds,
    IReadOnlyList<BenchSummary> Summary,
    IReadOnlyList<BenchRatio> Ratios,
    BenchMemory Memory,
    bool Passed,
    IReadOnlyList<string> Notes);

/// <summary>A target over all rounds: medians, and the spread of throughput.</summary>
internal sealed record BenchSummary(string Target, int Rounds, double MedianRps, double MinRps, double MaxRps, double MedianP50Ms, double MedianP99Ms, double? MedianCpuMicrosPerRequest, long? PeakRssKiB, long Errors, long Requests);

/// <summary>Gateway divided by nginx (or by direct) for the same kind of user: RPS below 1 and latency above 1 is the gateway's cost.</summary>
internal sealed record BenchRatio(string Name, double Rps, double P50, double P99, double? CpuPerRequest);

/// <summary>
/// The gateway's memory: after start, the highest resident set sampled under load, and the kernel's peak (VmHWM); and
/// the highest sampled for each nginx (master + workers), plain and TLS, when it ran.
/// </summary>
internal sealed record BenchMemory(long GatewayIdleRssKiB, long GatewayPeakRssUnderLoadKiB, long GatewayVmHwmKiB, long? NginxPeakRssKiB, long? NginxTlsPeakRssKiB = null);
