using System.Globalization;

namespace LoadTests.Bench;

/// <summary>
/// Drives HTTP/2 targets with h2load (nghttp2-client): a few TLS connections, many concurrent streams on each, closed
/// loop. It connects to the target's address but names <c>foo.bar</c> in SNI and <c>:authority</c>, so the servers
/// choose certificate and route as for a real client. h2load sends one header set for every request, so returning
/// users are one fixed returning user (<see cref="Bucket"/>), not wrk's rotation through 100 buckets.
/// </summary>
internal sealed class H2LoadEngine(string h2loadPath, int clients, int streams, int threads, string workDirectory) : IBenchEngine
{
    /// <summary>
    /// The cookie every returning h2 request carries: a stable bucket at weight 25 (one of <see cref="BenchTarget.ReturningBuckets"/>),
    /// so the stable pods share the load as they do for most of wrk's users, rather than one canary pod taking all of it.
    /// </summary>
    public const int Bucket = 5037;

    /// <summary>
    /// The one suite h2load offers (TLS 1.3, and its TLS 1.2 twin should a server stop at 1.2), so every server encrypts
    /// alike: left to choose, Kestrel without a cipher policy (bare YARP) picks AES-256-GCM where the gateway and nginx
    /// take AES-128-GCM.
    /// </summary>
    public const string Tls13Cipher = "TLS_AES_128_GCM_SHA256";

    private const string Tls12Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256";

    /// <summary>h2load keeps its output; failed streams each print a line, so keep enough to still hold the summary.</summary>
    private const int KeptLines = 2000;

    public string Description => $"h2load ({clients} connections × {streams} streams, {Math.Min(threads, clients)} threads, closed loop; one returning user, canary-bucket={Bucket}; {Tls13Cipher} only)";

    /// <summary>h2load on PATH, or null.</summary>
    public static string? Find() => WrkEngine.FindOnPath("h2load");

    public async Task<RoundResult> RunAsync(BenchTarget target, int round, TimeSpan duration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var log = Path.Combine(workDirectory, $"h2load-{Guid.NewGuid():N}.tsv");
        try
        {
            await using var h2load = BenchProcess.Start("h2load", h2loadPath, Arguments(target, duration, log), keptLines: KeptLines);
            var exit = await h2load.WaitForExitAsync(duration + TimeSpan.FromSeconds(30), cancellationToken);
            H2LoadRun run;
            try
            {
                run = H2LoadOutput.Parse(h2load.Output, File.Exists(log) ? File.ReadLines(log) : []);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"h2load failed (exit {exit}) on {target.Name}: {ex.Message}\n{h2load.Output}", ex);
            }

            if (run.ApplicationProtocol is { } protocol && protocol != "h2")
            {
                throw new InvalidOperationException($"h2load on {target.Name}: the server chose {protocol} over ALPN, not h2");
            }

            if (exit != 0 || run.Done == 0)
            {
                throw new InvalidOperationException($"h2load (exit {exit}) completed no request on {target.Name} (connection or TLS handshake refused?):\n{h2load.Output}");
            }

            return RoundResult.Measured(
                target,
                round,
                run.Done,
                duration.TotalSeconds,
                run.LatencyMicros,
                run.Errors,
                $"failed {run.Failed} (non-2xx {run.NonSuccess}, streams without answer {run.FailedStreams}), errored {run.Errored}, timeout {run.Timeout}") with { Negotiated = run.Negotiated };
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>The command line for one run against <paramref name="target"/>, writing its per-request log to <paramref name="log"/>.</summary>
    internal IReadOnlyList<string> Arguments(BenchTarget target, TimeSpan duration, string log)
    {
        var args = new List<string>
        {
            "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-m", streams.ToString(CultureInfo.InvariantCulture),
            "-t", Math.Min(threads, clients).ToString(CultureInfo.InvariantCulture),
            "-D", $"{Math.Max(1, (long)duration.TotalMilliseconds)}ms",
            // Like wrk's --timeout 5s: a connection silent this long counts its streams as failed instead of hanging the round.
            "-N", "5s",
            "--connect-to", $"{target.Url.Host}:{target.Url.Port}",
            "-H", $":authority: {BenchTarget.Host}",
            "--log-file", log,
            "--tls13-ciphers", Tls13Cipher,
            "--ciphers", Tls12Cipher,
        };
        if (target.Returning)
        {
            args.AddRange(["-H", $"cookie: canary-bucket={Bucket}"]);
        }

        // The URL's host is only for SNI (h2load connects to --connect-to); :authority above drops the port.
        args.Add(new UriBuilder(target.Url) { Host = BenchTarget.Host }.Uri.ToString());
        return args;
    }
}
