using LoadTests.Rollouts;
using ScottPlot;

namespace LoadTests.Reporting;

/// <summary>
/// <c>rollout.png</c>: the canary weight polled from <c>GET /rollout</c> as a step line, the canary share of new users
/// over time as points, and each judged step's share with its accepted band, green when it passed and red when not.
/// </summary>
internal static class RolloutChart
{
    public const string File = "rollout.png";

    /// <summary>Each point of the share of new users stands for at least this many users, so that it says something.</summary>
    private const int UsersPerPoint = 30;

    public static Plot Create(RunReport report, RolloutReport rollout)
    {
        var plot = new Plot();
        var end = Math.Max(report.DurationSeconds, rollout.Changes.Count > 0 ? rollout.Changes[^1].AtSeconds : 0);

        // The weight first, so that each step's observed share is drawn over it.
        if (rollout.Changes.Count > 0)
        {
            var xs = rollout.Changes.Select(c => c.AtSeconds).Append(end).ToArray();
            var ys = rollout.Changes.Select(c => c.Weight).Append(rollout.Changes[^1].Weight).ToArray();
            var weight = plot.Add.Scatter(xs, ys);
            weight.ConnectStyle = ConnectStyle.StepHorizontal;
            weight.LegendText = "canary weight (GET /rollout)";
            weight.MarkerSize = 0;
            weight.LineWidth = 2;
            weight.Color = Colors.Black;
        }

        var labelled = new HashSet<bool>();
        foreach (var step in rollout.Steps.Where(s => s.Share is not null))
        {
            var share = step.Share!;
            var color = share.Passed ? Colors.Green : Colors.Red;
            var band = plot.Add.Rectangle(step.JudgedFromSeconds, step.JudgedToSeconds, share.LowPercent, share.HighPercent);
            band.FillColor = color.WithAlpha(0.12);
            band.LineWidth = 0;
            var observed = plot.Add.Line(step.JudgedFromSeconds, share.ObservedPercent, step.JudgedToSeconds, share.ObservedPercent);
            observed.Color = color.WithAlpha(0.8);
            observed.LineWidth = 5;
            if (labelled.Add(share.Passed))
            {
                observed.LegendText = share.Passed ? "step's share of new users, within tolerance (band: accepted)" : "step's share of new users, OUTSIDE tolerance";
            }
        }

        var (binX, binShare) = NewUserShare(report.Timeline);
        if (binX.Length > 0)
        {
            var points = plot.Add.Scatter(binX, binShare);
            points.LegendText = "canary share of new users over time";
            points.LineWidth = 0;
            points.MarkerSize = 6;
            points.Color = Colors.Blue.WithAlpha(0.7);
        }

        if (rollout.FinalPhase is { } final && rollout.Changes.FirstOrDefault(c => c.Phase == final) is { } reached)
        {
            var line = plot.Add.VerticalLine(reached.AtSeconds);
            line.LinePattern = LinePattern.Dashed;
            line.Color = RolloutPhases.Is(final, RolloutPhases.RolledBack) ? Colors.Red : Colors.Green;
            line.LegendText = rollout.Outcome.Length > 90 ? rollout.Outcome[..89] + "…" : rollout.Outcome;
        }

        plot.Title($"{report.Scenario}: canary weight and share of new users — {(report.Passed ? "PASSED" : "FAILED")}");
        plot.XLabel("seconds since start");
        plot.YLabel("% on canary");
        plot.Axes.SetLimits(0, Math.Max(1, end) * 1.02, -2, 105);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The canary share of users new in each bin of seconds, bins wide enough for <see cref="UsersPerPoint"/> users on average.</summary>
    private static (double[] X, double[] Share) NewUserShare(IReadOnlyList<TimelinePoint> timeline)
    {
        var users = timeline.Sum(p => p.NewUsers);
        if (users == 0)
        {
            return ([], []);
        }

        var width = Math.Max(1, (int)Math.Ceiling(UsersPerPoint * (double)timeline.Count / users));
        var xs = new List<double>();
        var shares = new List<double>();
        for (var start = 0; start < timeline.Count; start += width)
        {
            var bin = timeline.Skip(start).Take(width).ToArray();
            var n = bin.Sum(p => p.NewUsers);
            if (n > 0)
            {
                xs.Add(bin[0].Second + (bin.Length / 2.0));
                shares.Add(100.0 * bin.Sum(p => p.NewCanaryUsers) / n);
            }
        }

        return (xs.ToArray(), shares.ToArray());
    }
}
