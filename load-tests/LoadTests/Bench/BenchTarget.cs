namespace LoadTests.Bench;

/// <summary>One thing the bench measures: a server and a kind of user.</summary>
/// <param name="Name">e.g. <c>gateway · returning</c>.</param>
/// <param name="Server">gateway, nginx, nginx-tls, yarp or direct: whose processes are sampled.</param>
/// <param name="Returning">Users send a bucket cookie (from a fixed set); otherwise none, so every request is a new user.</param>
/// <param name="Url">Where to send, e.g. http://127.0.0.1:18580/.</param>
/// <param name="ProcessId">The server process whose memory and CPU are sampled, or null.</param>
/// <param name="Http2">Driven with h2load over HTTP/2 (TLS, ALPN h2) instead of the HTTP/1.1 engine.</param>
internal sealed record BenchTarget(string Name, string Server, bool Returning, Uri Url, int? ProcessId, bool Http2 = false)
{
    /// <summary>The Host every bench request carries.</summary>
    public const string Host = "foo.bar";

    /// <summary>
    /// The fixed set of returning users: 100 buckets spread over 0–9999 (i·100 + 37), so 25 of them are canary users at
    /// weight 25 — the same for the gateway and nginx.
    /// </summary>
    public static IReadOnlyList<int> ReturningBuckets { get; } = Enumerable.Range(0, 100).Select(i => (i * 100) + 37).ToArray();
}
