namespace LoadTests.Bench;

/// <summary>What one h2load run reported: its summary lines, and the latencies and statuses of its per-request log.</summary>
/// <param name="Done">Requests that completed (h2load's "done"), whatever their status.</param>
/// <param name="RequestsPerSecond">h2load's own rate: done over the main duration (-D).</param>
/// <param name="Failed">h2load's "failed": non-2xx answers and streams that failed.</param>
/// <param name="Errored">Streams that failed without an answer (reset, connection lost).</param>
/// <param name="Timeout">Requests cut by a timeout.</param>
/// <param name="ApplicationProtocol">What ALPN chose (<c>h2</c>, <c>http/1.1</c>), or null when h2load printed none.</param>
/// <param name="TlsProtocol">e.g. TLSv1.3, or null over plain HTTP.</param>
/// <param name="Cipher">The negotiated cipher suite, or null.</param>
/// <param name="Logged">Rows in the per-request log.</param>
/// <param name="NonSuccess">Logged answers outside 2xx.</param>
/// <param name="FailedStreams">Logged streams without an answer (status -1).</param>
/// <param name="LatencyMicros">Percentiles of the answered requests' durations, from the log.</param>
internal sealed record H2LoadRun(
    long Done,
    double RequestsPerSecond,
    long Failed,
    long Errored,
    long Timeout,
    string? ApplicationProtocol,
    string? TlsProtocol,
    string? Cipher,
    long Logged,
    long NonSuccess,
    long FailedStreams,
    (long P50, long P90, long P99, long Max) LatencyMicros)
{
    /// <summary>Requests that count as errors: h2load's failed (non-2xx and failed streams) and timed-out ones.</summary>
    public long Errors => Math.Max(Failed, NonSuccess + FailedStreams) + Timeout;

    /// <summary>e.g. <c>h2, TLSv1.3, TLS_AES_128_GCM_SHA256</c>.</summary>
    public string Negotiated => string.Join(", ", new[] { ApplicationProtocol, TlsProtocol, Cipher }.Where(s => !string.IsNullOrEmpty(s)));
}
