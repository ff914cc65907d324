namespace LoadTests.Bench;

/// <summary>Medians per target over the rounds, and the gateway-to-nginx ratios.</summary>
internal static class BenchSummarizer
{
    /// <summary>Errors above this share of a target's requests fail the bench.</summary>
    public const double MaxErrorShare = 0.001;

    public static IReadOnlyList<BenchSummary> Summarize(IReadOnlyList<RoundResult> rounds) => rounds
        .GroupBy(r => r.Target)
        .Select(g => new BenchSummary(
            g.Key,
            g.Count(),
            Median(g.Select(r => r.RequestsPerSecond)),
            g.Min(r => r.RequestsPerSecond),
            g.Max(r => r.RequestsPerSecond),
            Median(g.Select(r => r.P50Ms)),
            Median(g.Select(r => r.P99Ms)),
            g.All(r => r.CpuMicrosPerRequest is not null) ? Median(g.Select(r => r.CpuMicrosPerRequest!.Value)) : null,
            g.Any(r => r.PeakRssKiB is not null) ? g.Max(r => r.PeakRssKiB ?? 0) : null,
            g.Sum(r => r.Errors),
            g.Sum(r => r.Requests)))
        .ToArray();

    public static IReadOnlyList<BenchRatio> Ratios(IReadOnlyList<BenchSummary> summary)
    {
        var byName = summary.ToDictionary(s => s.Target);
        var ratios = new List<BenchRatio>();
        void Add(string name, string numerator, string denominator)
        {
            if (byName.TryGetValue(numerator, out var a) && byName.TryGetValue(denominator, out var b) && b.MedianRps > 0)
            {
                ratios.Add(new BenchRatio(
                    name,
                    a.MedianRps / b.MedianRps,
                    b.MedianP50Ms > 0 ? a.MedianP50Ms / b.MedianP50Ms : 0,
                    b.MedianP99Ms > 0 ? a.MedianP99Ms / b.MedianP99Ms : 0,
                    a.MedianCpuMicrosPerRequest is { } ca && b.MedianCpuMicrosPerRequest is { } cb && cb > 0 ? ca / cb : null));
            }
        }

        Add("gateway / nginx · returning", "gateway · returning", "nginx · returning");
        Add("gateway / nginx · new users", "gateway · new users", "nginx · new users");
        Add("gateway / bare yarp · returning", "gateway · returning", "bare yarp");
        Add("gateway / bare yarp · new users", "gateway · new users", "bare yarp");
        Add("bare yarp / nginx · returning", "bare yarp", "nginx · returning");
        Add("gateway / direct · returning", "gateway · returning", "direct · one KubeApp");
        Add("nginx / direct · returning", "nginx · returning", "direct · one KubeApp");

        // TLS termination: the same returning users over HTTPS, HTTP/1.1 (wrk) and HTTP/2 (h2load).
        Add("gateway / nginx · https h1", "gateway · https h1", "nginx · https h1");
        Add("gateway / nginx · h2", "gateway · h2", "nginx · h2");
        Add("gateway / bare yarp · https h1", "gateway · https h1", "bare yarp · https h1");
        Add("gateway / bare yarp · h2", "gateway · h2", "bare yarp · h2");
        Add("gateway https h1 / http · returning", "gateway · https h1", "gateway · returning");
        Add("nginx https h1 / http · returning", "nginx · https h1", "nginx · returning");
        return ratios;
    }

    /// <summary>Whether every target answered, with errors under <see cref="MaxErrorShare"/>.</summary>
    public static bool Passed(IReadOnlyList<BenchSummary> summary) =>
        summary.Count > 0 && summary.All(s => s.Requests > 0 && s.Errors <= s.Requests * MaxErrorShare);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
