namespace LoadTests.Bench;

/// <summary>One measurement of one target.</summary>
internal sealed record RoundResult(
    string Target,
    int Round,
    long Requests,
    double Seconds,
    double RequestsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    long Errors,
    string ErrorDetail,
    double? CpuMicrosPerRequest,
    long? PeakRssKiB);
