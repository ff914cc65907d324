using System.Globalization;
using LoadTests.Reporting;
using LoadTests.Statistics;

namespace LoadTests.Verdicts;

/// <summary>
/// Decides whether a run passed: the canary share of split users within the binomial tolerance (with
/// <c>--expect-canary</c>), no user seeing two versions, forced users seeing only their track, errors within budget.
/// </summary>
internal static class VerdictEvaluator
{
    public static RunReport Evaluate(RunReport report, VerdictSettings settings)
    {
        var checks = new List<Check>();
        var totals = report.Totals;
        checks.Add(new Check(
            "answers",
            report.Groups.Sum(g => g.UsersWithVersion) > 0,
            $"{report.Groups.Sum(g => g.UsersWithVersion)} users got an answer naming a version"));

        ShareCheck? share = null;
        var split = report.Groups.Where(g => g.IsSplit).ToArray();
        if (split.Length > 0)
        {
            if (settings.ExpectCanaryPercent is { } expected)
            {
                share = CheckShare(split, expected, settings);
                checks.Add(new Check(
                    "canary share",
                    share.Passed,
                    Invariant($"{share.ObservedPercent:0.###} % of {share.SampleSize} users on canary, expected {expected:0.##} % ± {share.TolerancePercent:0.###} pp ({share.Formula})")));
            }

            var violations = split.Sum(g => g.StickinessViolations);
            var users = split.Sum(g => g.UsersWithVersion);
            checks.Add(new Check("stickiness", violations == 0, $"{violations} of {users} users saw more than one version"));
        }

        foreach (var group in report.Groups.Where(g => !g.IsSplit))
        {
            checks.Add(new Check(
                $"{group.Expectation}: {group.Name}",
                group.ForcedViolationRequests == 0 && group.UsersWithVersion > 0,
                $"{group.ForcedViolationRequests} of {group.Requests} answers ({group.ForcedViolationUsers} users) had another track's version"));
        }

        checks.Add(new Check(
            "error rate",
            totals.Requests > 0 && totals.ErrorPercent <= settings.MaxErrorPercent,
            Invariant($"{totals.ErrorRequests} of {totals.Requests} requests failed ({totals.ErrorPercent:0.###} %), allowed {settings.MaxErrorPercent:0.###} %")
                + (totals.ErrorsByKind.Count > 0 ? ": " + string.Join(", ", totals.ErrorsByKind.Select(kv => $"{kv.Key} {kv.Value}")) : "")));

        return report with { Share = share, Checks = checks, Passed = checks.All(c => c.Passed) };
    }

    /// <summary>The canary share of users across <paramref name="split"/> against the binomial tolerance.</summary>
    public static ShareCheck CheckShare(IReadOnlyList<GroupReport> split, double expected, VerdictSettings settings) =>
        CheckShare(split.Sum(g => g.UsersWithVersion), split.Sum(g => g.CanaryUsers), expected, settings);

    /// <summary><paramref name="canary"/> of <paramref name="n"/> users on canary against the binomial tolerance around <paramref name="expected"/> percent.</summary>
    public static ShareCheck CheckShare(long n, long canary, double expected, VerdictSettings settings)
    {
        var observed = n == 0 ? 0 : 100.0 * canary / n;
        var tolerance = new ShareTolerance(expected, n, settings.Sigmas, settings.FloorPercent);
        return new ShareCheck(
            expected,
            observed,
            n,
            settings.Sigmas,
            settings.FloorPercent,
            n == 0 ? 0 : tolerance.StdDevPercent,
            n == 0 ? 0 : tolerance.TolerancePercent,
            tolerance.LowPercent,
            tolerance.HighPercent,
            tolerance.Explain(),
            tolerance.Contains(observed));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
