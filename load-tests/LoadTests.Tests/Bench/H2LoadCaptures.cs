namespace LoadTests.Tests.Bench;

/// <summary>
/// h2load 1.52.0 (Debian's nghttp2-client) output captured verbatim against a local nginx 1.22 serving HTTP/2 over TLS:
/// <c>h2load -c 4 -m 16 -D 3 --connect-to 127.0.0.1:PORT -H 'cookie: …' --log-file … https://foo.bar:PORT/</c> and variants.
/// </summary>
internal static class H2LoadCaptures
{
    /// <summary>A clean timing-based run: 4 clients × 16 streams for 3 s, every answer 200.</summary>
    public const string Clean = """
        starting benchmark...
        spawning thread #0: 4 total client(s). Timing-based test with 0s of warm-up time and 3s of main duration for measurements.
        Warm-up started for thread #0.
        progress: 25% of clients started
        progress: 50% of clients started
        progress: 75% of clients started
        progress: 100% of clients started
        Warm-up phase is over for thread #0.
        Main benchmark duration is started for thread #0.
        TLS Protocol: TLSv1.2
        Cipher: ECDHE-ECDSA-AES128-GCM-SHA256
        Server Temp Key: X25519 253 bits
        Application protocol: h2
        Main benchmark duration is over for thread #0. Stopping all clients.
        Stopped all clients for thread #0

        finished in 3.55s, 6621.33 req/s, 627.28KB/s
        requests: 19864 total, 19928 started, 19864 done, 19864 succeeded, 0 failed, 0 errored, 0 timeout
        status codes: 19864 2xx, 0 3xx, 0 4xx, 0 5xx
        traffic: 1.84MB (1927004) total, 950.52KB (973336) headers (space savings 50.51%), 581.95KB (595920) data
                             min         max         mean         sd        +/- sd
        time for request:       49us    609.65ms      8.20ms     46.68ms    97.95%
        time for connect:     6.27ms      9.11ms      8.02ms      1.34ms    75.00%
        time to 1st byte:     9.80ms     11.20ms     10.74ms       637us    75.00%
        req/s           :    1388.16     1425.25     1400.29       16.87    75.00%
        """;

    /// <summary>nginx sent GOAWAY after its default keepalive_requests (1000): the 33 streams in flight failed and h2load did not reconnect.</summary>
    public const string GoawayFailures = """
        starting benchmark...
        spawning thread #0: 4 total client(s). Timing-based test with 0s of warm-up time and 2s of main duration for measurements.
        Warm-up started for thread #0.
        progress: 25% of clients started
        progress: 50% of clients started
        progress: 75% of clients started
        progress: 100% of clients started
        Warm-up phase is over for thread #0.
        Main benchmark duration is started for thread #0.
        TLS Protocol: TLSv1.2
        Cipher: ECDHE-ECDSA-AES128-GCM-SHA256
        Server Temp Key: X25519 253 bits
        Application protocol: h2
        Process Request Failure:2
        Process Request Failure:18
        Process Request Failure:34
        Process Request Failure:50
        Main benchmark duration is over for thread #0. Stopping all clients.
        Stopped all clients for thread #0

        finished in 2.00s, 2000.00 req/s, 189.58KB/s
        requests: 4033 total, 4060 started, 4033 done, 4000 succeeded, 33 failed, 33 errored, 0 timeout
        status codes: 4000 2xx, 0 3xx, 0 4xx, 0 5xx
        traffic: 379.16KB (388264) total, 191.41KB (196000) headers (space savings 50.51%), 117.19KB (120000) data
                             min         max         mean         sd        +/- sd
        time for request:       59us      2.42ms       948us       336us    79.88%
        time for connect:     7.05ms      9.28ms      8.36ms      1.09ms    75.00%
        time to 1st byte:     8.89ms     11.36ms      9.86ms      1.13ms    75.00%
        req/s           :   11853.23    12047.05    11941.93       79.75    50.00%
        """;

    /// <summary>Every answer a 503 (h2load counts them as failed, not errored).</summary>
    public const string AllServerErrors = """
        starting benchmark...
        spawning thread #0: 2 total client(s). Timing-based test with 0s of warm-up time and 1s of main duration for measurements.
        Warm-up started for thread #0.
        progress: 50% of clients started
        progress: 100% of clients started
        Warm-up phase is over for thread #0.
        Main benchmark duration is started for thread #0.
        TLS Protocol: TLSv1.2
        Cipher: ECDHE-ECDSA-AES128-GCM-SHA256
        Server Temp Key: X25519 253 bits
        Application protocol: h2
        Main benchmark duration is over for thread #0. Stopping all clients.
        Stopped all clients for thread #0

        finished in 1.00s, 42256.00 req/s, 2.94MB/s
        requests: 42256 total, 42264 started, 42256 done, 0 succeeded, 42256 failed, 0 errored, 0 timeout
        status codes: 0 2xx, 0 3xx, 0 4xx, 42256 5xx
        traffic: 2.94MB (3084786) total, 2.10MB (2197312) headers (space savings 46.94%), 123.80KB (126768) data
                             min         max         mean         sd        +/- sd
        time for request:       30us      3.27ms       134us       115us    96.88%
        time for connect:     6.26ms      7.71ms      6.98ms      1.02ms   100.00%
        time to 1st byte:     8.05ms      8.13ms      8.09ms        52us   100.00%
        req/s           :   20875.33    21362.84    21119.09      344.72   100.00%
        """;

    /// <summary>Nothing listening at the --connect-to address: h2load still exits 0, with zero requests and no protocol line.</summary>
    public const string NothingListening = """
        starting benchmark...
        spawning thread #0: 2 total client(s). Timing-based test with 0s of warm-up time and 1s of main duration for measurements.
        Warm-up started for thread #0.
        progress: 50% of clients started
        progress: 100% of clients started
        Warm-up phase is over for thread #0.
        Main benchmark duration is started for thread #0.
        Main benchmark duration is over for thread #0. Stopping all clients.
        Stopped all clients for thread #0

        finished in 1.00s, 0.00 req/s, 0B/s
        requests: 0 total, 0 started, 0 done, 0 succeeded, 0 failed, 0 errored, 0 timeout
        status codes: 0 2xx, 0 3xx, 0 4xx, 0 5xx
        traffic: 0B (0) total, 0B (0) headers (space savings 0.00%), 0B (0) data
                             min         max         mean         sd        +/- sd
        time for request:        0us         0us         0us         0us     0.00%
        time for connect:        0us         0us         0us         0us     0.00%
        time to 1st byte:        0us         0us         0us         0us     0.00%
        req/s           :       0.00        0.00        0.00        0.00   100.00%
        """;

    /// <summary>ALPN chose http/1.1 (here forced with --h1): the protocol line says so.</summary>
    public const string Http11Negotiated = """
        starting benchmark...
        spawning thread #0: 1 total client(s). Timing-based test with 0s of warm-up time and 1s of main duration for measurements.
        Warm-up started for thread #0.
        progress: 100% of clients started
        Warm-up phase is over for thread #0.
        Main benchmark duration is started for thread #0.
        TLS Protocol: TLSv1.2
        Cipher: ECDHE-ECDSA-AES128-GCM-SHA256
        Server Temp Key: X25519 253 bits
        Application protocol: http/1.1
        Main benchmark duration is over for thread #0. Stopping all clients.
        Stopped all clients for thread #0

        finished in 1.00s, 24411.00 req/s, 3.72MB/s
        requests: 24411 total, 24412 started, 24411 done, 24411 succeeded, 0 failed, 0 errored, 0 timeout
        status codes: 24411 2xx, 0 3xx, 0 4xx, 0 5xx
        traffic: 3.72MB (3905760) total, 2.54MB (2660908) headers (space savings 0.00%), 286.08KB (292944) data
                             min         max         mean         sd        +/- sd
        time for request:       17us     17.87ms        39us       249us    99.45%
        time for connect:     3.65ms      3.65ms      3.65ms         0us   100.00%
        time to 1st byte:     3.86ms      3.86ms      3.86ms         0us   100.00%
        req/s           :   24406.80    24406.80    24406.80        0.00   100.00%
        """;

    /// <summary>The first rows of the clean run's --log-file, verbatim: start (µs since the epoch), status, duration (µs).</summary>
    public static readonly string[] CleanLogHead =
    [
        "1796164333403436\t200\t596",
        "1796164333403438\t200\t647",
        "1796164333403439\t200\t656",
    ];

    /// <summary>Failed-stream rows of the GOAWAY run's log, verbatim: status -1.</summary>
    public static readonly string[] FailedStreamRows =
    [
        "1796164322447232\t-1\t1268",
        "1796164322447203\t-1\t1312",
        "1796164322448691\t-1\t98",
    ];
}
