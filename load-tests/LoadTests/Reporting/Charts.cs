using LoadTests.Statistics;
using ScottPlot;

namespace LoadTests.Reporting;

/// <summary>The PNG charts of a run, drawn with ScottPlot.</summary>
internal static class Charts
{
    public const string ShareFile = "canary-share.png";
    public const string LatencyFile = "latency.png";
    public const string ThroughputFile = "throughput.png";

    private const int Width = 1000;
    private const int Height = 520;

    /// <summary>Writes the charts into <paramref name="directory"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Write(RunReport report, string directory)
    {
        var written = new List<string>();
        if (report.Rollout is { } rollout)
        {
            // The rollout's chart replaces the share chart: its weight moves, so one expected line would mislead.
            RolloutChart.Create(report, rollout).SavePng(Path.Combine(directory, RolloutChart.File), Width, Height);
            written.Add(RolloutChart.File);
        }
        else if (report.Groups.Any(g => g.IsSplit) && report.Timeline.Count > 0)
        {
            Share(report).SavePng(Path.Combine(directory, ShareFile), Width, Height);
            written.Add(ShareFile);
        }

        if (report.Groups.Any(g => g.Versions.Any(v => v.LatencyCurve.Count > 0)))
        {
            Latency(report).SavePng(Path.Combine(directory, LatencyFile), Width, Height);
            written.Add(LatencyFile);
        }

        if (report.Timeline.Count > 0)
        {
            Throughput(report).SavePng(Path.Combine(directory, ThroughputFile), Width, Height);
            written.Add(ThroughputFile);
        }

        return written;
    }

    /// <summary>Canary share of split users so far (and of each second's requests) against the expected weight.</summary>
    private static Plot Share(RunReport report)
    {
        var plot = new Plot();
        var points = report.Timeline;
        var xs = points.Select(p => p.Second + 1.0).ToArray();

        var requests = plot.Add.Scatter(xs, points.Select(p => p.CanaryRequestSharePercent).ToArray());
        requests.LegendText = "canary share of requests in each second";
        requests.MarkerSize = 0;
        requests.LineWidth = 1;
        requests.Color = Colors.Gray.WithAlpha(0.6);

        if (report.Share is { } share)
        {
            // The tolerance funnel: expected ± (sigmas × sd(n) + floor) for the users counted so far.
            var low = new double[xs.Length];
            var high = new double[xs.Length];
            for (var i = 0; i < points.Count; i++)
            {
                var t = new ShareTolerance(share.ExpectedPercent, points[i].CumulativeUsers, share.Sigmas, share.FloorPercent);
                low[i] = points[i].CumulativeUsers == 0 ? 0 : t.LowPercent;
                high[i] = points[i].CumulativeUsers == 0 ? 100 : t.HighPercent;
            }

            var band = plot.Add.FillY(xs, low, high);
            band.FillColor = Colors.Green.WithAlpha(0.15);
            band.LegendText = $"accepted ({share.Sigmas:0.#} sd + {share.FloorPercent:0.##} pp)";
            var expected = plot.Add.HorizontalLine(share.ExpectedPercent);
            expected.LinePattern = LinePattern.Dashed;
            expected.Color = Colors.Green;
            expected.LegendText = $"expected {share.ExpectedPercent:0.##} %";
        }

        var users = plot.Add.Scatter(xs, points.Select(p => p.CumulativeCanaryUserSharePercent).ToArray());
        users.LegendText = "canary share of users so far";
        users.MarkerSize = 0;
        users.LineWidth = 2.5f;
        users.Color = Colors.Blue;

        plot.Title($"{report.Scenario}: canary share over time");
        plot.XLabel("seconds since start");
        plot.YLabel("% on canary");
        var top = report.Share is { } s ? Math.Min(100, Math.Max(s.ExpectedPercent * 2, s.HighPercent) + 10) : 100;
        plot.Axes.SetLimits(0, xs.Length + 1, 0, top);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Latency by percentile for each group and version, on HdrHistogram's log "nines" axis.</summary>
    private static Plot Latency(RunReport report)
    {
        var plot = new Plot();
        var maxNines = 1.0;
        foreach (var group in report.Groups)
        {
            foreach (var version in group.Versions.Where(v => v.LatencyCurve.Count > 0))
            {
                var curve = version.LatencyCurve.Where(p => p.Percentile < 100).ToArray();
                if (curve.Length == 0)
                {
                    continue;
                }

                var xs = curve.Select(p => Nines(p.Percentile)).ToArray();
                maxNines = Math.Max(maxNines, xs[^1]);
                var line = plot.Add.Scatter(xs, curve.Select(p => p.LatencyMs).ToArray());
                line.LegendText = report.Groups.Count > 1 ? $"{group.Name} · {version.Version}" : $"version {version.Version}";
                line.MarkerSize = 0;
                line.LineWidth = 2;
            }
        }

        double[] ticks = [0, 1, 2, 3, 4, 5];
        string[] labels = ["0 %", "90 %", "99 %", "99.9 %", "99.99 %", "99.999 %"];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
        plot.Title($"{report.Scenario}: latency by percentile");
        plot.XLabel("percentile");
        plot.YLabel("latency (ms)");
        plot.Axes.SetLimitsX(0, Math.Min(5, Math.Ceiling(maxNines)));
        plot.Axes.AutoScaleY();
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Requests and errors per second.</summary>
    private static Plot Throughput(RunReport report)
    {
        var plot = new Plot();
        var xs = report.Timeline.Select(p => p.Second + 1.0).ToArray();
        var rps = plot.Add.Scatter(xs, report.Timeline.Select(p => (double)p.Requests).ToArray());
        rps.LegendText = "requests/s";
        rps.MarkerSize = 0;
        rps.LineWidth = 2;
        var errors = plot.Add.Scatter(xs, report.Timeline.Select(p => (double)p.Errors).ToArray());
        errors.LegendText = "errors/s";
        errors.MarkerSize = 0;
        errors.Color = Colors.Red;
        plot.Title($"{report.Scenario}: throughput");
        plot.XLabel("seconds since start");
        plot.YLabel("per second");
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1, report.Timeline.Max(p => p.Requests)) * 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>log10(1 / (1 − p)): 90 % → 1, 99 % → 2, 99.9 % → 3.</summary>
    private static double Nines(double percentile) => Math.Log10(100.0 / (100.0 - percentile));
}
