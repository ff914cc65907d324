namespace LoadTests.Growth;

/// <summary>One target over all rounds: medians and the spread (min–max) of throughput, p99 and CPU per request; memory in KiB.</summary>
internal sealed record GrowthSummary(
    string Target,
    int Rounds,
    double MedianRps,
    double MinRps,
    double MaxRps,
    double MedianP50Ms,
    double MedianP99Ms,
    double MinP99Ms,
    double MaxP99Ms,
    double? MedianCpuMicrosPerRequest,
    double? MinCpuMicrosPerRequest,
    double? MaxCpuMicrosPerRequest,
    long? PeakRssKiB,
    GrowthMemory? Memory,
    long Errors,
    long Requests);
