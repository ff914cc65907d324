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
    long? PeakRssKiB)
{
    /// <summary>What the client and server agreed on, when the engine reports it (h2load: e.g. <c>h2, TLSv1.3, TLS_AES_128_GCM_SHA256</c>).</summary>
    public string? Negotiated { get; init; }

    /// <summary>
    /// What an engine measured, with latencies in microseconds (as both wrk and the HdrHistogram report them); the
    /// runner adds the server's CPU and memory.
    /// </summary>
    public static RoundResult Measured(BenchTarget target, int round, long requests, double seconds, (long P50, long P90, long P99, long Max) latencyMicros, long errors, string errorDetail) =>
        new(
            target.Name,
            round,
            requests,
            seconds,
            requests / seconds,
            latencyMicros.P50 / 1000.0,
            latencyMicros.P90 / 1000.0,
            latencyMicros.P99 / 1000.0,
            latencyMicros.Max / 1000.0,
            errors,
            errors == 0 ? "" : errorDetail,
            null,
            null);
}
