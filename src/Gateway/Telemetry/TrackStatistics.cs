namespace Gateway.Telemetry;

/// <summary>One track's requests over the last minute.</summary>
/// <param name="Requests">Requests that finished.</param>
/// <param name="Errors">Of those, answered 5xx (including the gateway's own 502/503/504).</param>
/// <param name="P99Milliseconds">The 99th percentile latency (bucket upper bound), or null without requests.</param>
public sealed record TrackStatistics(long Requests, long Errors, double? P99Milliseconds)
{
    /// <summary>Errors / requests, 0 without requests.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Requests per second averaged over the window.</summary>
    public double RequestsPerSecond => (double)Requests / RequestStatistics.WindowSeconds;
}
