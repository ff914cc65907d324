namespace LoadTests.Bench;

/// <summary>What a reader of the figures must know about how they were taken, printed under the tables and in bench.md.</summary>
internal static class BenchNotes
{
    public static IReadOnlyList<string> For(BenchSettings settings, bool http2Measured, IReadOnlyList<RoundResult> rounds)
    {
        var notes = new List<string>();
        if (!settings.MeasuresTls)
        {
            return notes;
        }

        notes.Add("TLS: one ECDSA P-256 certificate for all three servers; the load generators (wrk or the built-in loop, and h2load) keep every connection open for the whole round "
            + $"(the TLS nginx gets keepalive_requests {BenchNginx.KeepaliveRequests} unless its configuration sets one), so each connection pays one handshake: "
            + "the https/h2 figures are the cost of encrypting the traffic, not of handshakes.");
        if (http2Measured)
        {
            notes.Add($"h2: h2load, {settings.H2Clients} connections × {settings.H2Streams} streams; it sends one header set, so every HTTP/2 request is one returning user "
                + $"(canary-bucket={H2LoadEngine.Bucket}, stable at weight 25), where the HTTP/1.1 targets rotate through {BenchTarget.ReturningBuckets.Count} users; "
                + $"h2load offers only {H2LoadEngine.Tls13Cipher}, so all servers encrypt alike (wrk offers OpenSSL's defaults and each server picks; which one it picked is not reported).");
        }
        else
        {
            notes.Add("h2: not measured: h2load is not installed (apt-get install nghttp2-client).");
        }

        var negotiated = rounds.Where(r => r.Negotiated is not null).GroupBy(r => r.Target).Select(g => $"{g.Key}: {string.Join(" / ", g.Select(r => r.Negotiated).Distinct())}").ToArray();
        if (negotiated.Length > 0)
        {
            notes.Add("negotiated (h2load): " + string.Join("; ", negotiated) + ".");
        }

        return notes;
    }
}
