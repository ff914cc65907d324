using LoadTests.Http;
using LoadTests.Scenarios;
using LoadTests.Statistics;

namespace LoadTests.Reporting;

/// <summary>Turns a finished run's statistics into a <see cref="RunReport"/> (without checks; see <see cref="Verdicts.VerdictEvaluator"/>).</summary>
internal static class ReportBuilder
{
    public const string ToolName = "canary-load";

    public static RunReport Build(ScenarioDefinition scenario, TargetSettings target, LoadSimulation simulation, RunResult result, string commandLine)
    {
        var stats = result.Statistics;
        var canary = target.CanaryVersion;
        var groups = stats.Groups.Select(g => Group(g, canary)).ToArray();

        var latency = new LatencyHistogram();
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var g in stats.Groups)
        {
            latency.Add(g.Latency);
            foreach (var (kind, count) in g.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        var requests = groups.Sum(g => g.Requests);
        var errorRequests = groups.Sum(g => g.ErrorRequests);
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-3);
        var totals = new TotalsReport(
            requests,
            Math.Round(requests / seconds, 1),
            errorRequests,
            requests == 0 ? 0 : 100.0 * errorRequests / requests,
            Sorted(errors),
            groups.Sum(g => g.UsersStarted),
            stats.Groups.Sum(g => g.UsersFinished),
            groups.Sum(g => g.StickinessViolations),
            groups.Sum(g => g.ForcedViolationRequests),
            latency.Summary());

        var targetReport = new TargetReport(
            target.Url.ToString(),
            target.Host,
            target.Resolve.Select(r => r.ToString()).ToArray(),
            target.Url.Scheme != Uri.UriSchemeHttps ? "none" : target.Insecure ? "insecure (any certificate)" : target.CaCertificatePath is { } ca ? $"roots from {ca}" : "system roots",
            canary,
            target.Timeout.TotalSeconds);

        var simulationReport = new SimulationReport(
            simulation.Describe(),
            simulation.Users,
            simulation.ArrivalRate,
            simulation.Ramp.TotalSeconds,
            simulation.RequestsPerUser,
            simulation.UserDuration.TotalSeconds,
            simulation.UserRate,
            simulation.MaxActiveUsers,
            simulation.Duration.TotalSeconds,
            result.UsersNotStarted,
            result.LateArrivals);

        return new RunReport(
            ToolName,
            scenario.Name,
            scenario.Description,
            result.StartedAt,
            Math.Round(result.Elapsed.TotalSeconds, 3),
            result.EndReason,
            commandLine,
            targetReport,
            simulationReport,
            totals,
            groups,
            Timeline(stats.Timeline));
    }

    private static GroupReport Group(GroupStatistics g, string canary)
    {
        var userShares = VersionShare.Of(g.VersionUsers);
        var requestShares = VersionShare.Of(g.VersionRequests);
        var versions = requestShares
            .Select(r => r.Version)
            .Union(userShares.Select(u => u.Version))
            .Select(v => new VersionReport(
                v,
                g.VersionRequests.GetValueOrDefault(v),
                requestShares.FirstOrDefault(s => s.Version == v)?.Percent ?? 0,
                g.VersionUsers.GetValueOrDefault(v),
                userShares.FirstOrDefault(s => s.Version == v)?.Percent ?? 0,
                g.VersionLatency.TryGetValue(v, out var h) ? h.Summary() : LatencySummary.Empty,
                g.VersionLatency.TryGetValue(v, out var curve) ? curve.Curve() : []))
            .ToArray();

        return new GroupReport(
            g.Name,
            g.Expectation.Describe(),
            g.UsersStarted,
            g.UsersWithVersion,
            g.Requests,
            g.ErrorRequests,
            Sorted(g.Errors),
            g.StickinessViolations,
            g.ForcedViolationUsers,
            g.ForcedViolationRequests,
            g.TrackHeaderMissing,
            g.VersionUsers.GetValueOrDefault(canary),
            VersionShare.PercentOf(g.VersionUsers, canary),
            VersionShare.PercentOf(g.VersionRequests, canary),
            versions,
            g.Latency.Summary());
    }

    private static TimelinePoint[] Timeline(IReadOnlyList<TimelineBucket> buckets)
    {
        var points = new TimelinePoint[buckets.Count];
        long users = 0, canaryUsers = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            users += b.NewUsers;
            canaryUsers += b.NewCanaryUsers;
            points[i] = new TimelinePoint(
                b.Second,
                b.Requests,
                b.Errors,
                b.VersionedRequests == 0 ? 0 : 100.0 * b.CanaryRequests / b.VersionedRequests,
                b.NewUsers,
                b.NewCanaryUsers,
                users,
                users == 0 ? 0 : 100.0 * canaryUsers / users);
        }

        return points;
    }

    private static SortedDictionary<string, long> Sorted(Dictionary<string, long> counts) => new(counts, StringComparer.Ordinal);
}
