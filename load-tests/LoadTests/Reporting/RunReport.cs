using LoadTests.Statistics;
using LoadTests.Verdicts;

namespace LoadTests.Reporting;

/// <summary>Everything a scenario run measured and decided: <c>report.json</c>, and the source of the other reports.</summary>
internal sealed record RunReport(
    string Tool,
    string Scenario,
    string Description,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string EndReason,
    string CommandLine,
    TargetReport Target,
    SimulationReport Simulation,
    TotalsReport Totals,
    IReadOnlyList<GroupReport> Groups,
    IReadOnlyList<TimelinePoint> Timeline)
{
    /// <summary>The canary share check, when <c>--expect-canary</c> was given.</summary>
    public ShareCheck? Share { get; init; }

    /// <summary>The rollout as polled and judged, for the <c>rollout</c> scenario.</summary>
    public RolloutReport? Rollout { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = [];

    public bool Passed { get; init; }
}

/// <summary>The target as given on the command line.</summary>
internal sealed record TargetReport(string Url, string? Host, IReadOnlyList<string> Resolve, string Tls, string CanaryVersion, double TimeoutSeconds);

/// <summary>The load simulation, and how far the run got through it.</summary>
internal sealed record SimulationReport(
    string Description,
    int Users,
    double ArrivalRate,
    double RampSeconds,
    int RequestsPerUser,
    double UserDurationSeconds,
    double UserRate,
    int MaxActiveUsers,
    double DurationCapSeconds,
    int UsersNotStarted,
    int LateArrivals);

/// <summary>All groups together.</summary>
internal sealed record TotalsReport(
    long Requests,
    double RequestsPerSecond,
    long ErrorRequests,
    double ErrorPercent,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long UsersStarted,
    long UsersFinished,
    long StickinessViolations,
    long ForcedViolationRequests,
    LatencySummary Latency);

/// <summary>One group of users.</summary>
internal sealed record GroupReport(
    string Name,
    string Expectation,
    long UsersStarted,
    long UsersWithVersion,
    long Requests,
    long ErrorRequests,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long StickinessViolations,
    long ForcedViolationUsers,
    long ForcedViolationRequests,
    long TrackHeaderMissing,
    long CanaryUsers,
    double CanaryUserSharePercent,
    double CanaryRequestSharePercent,
    IReadOnlyList<VersionReport> Versions,
    LatencySummary Latency)
{
    public bool IsSplit => Expectation == Statistics.Expectation.Split.Describe();
}

/// <summary>One version as a group saw it.</summary>
internal sealed record VersionReport(string Version, long Requests, double RequestSharePercent, long Users, double UserSharePercent, LatencySummary Latency, IReadOnlyList<PercentilePoint> LatencyCurve);

/// <summary>One second of the run; the cumulative share is over split users so far.</summary>
internal sealed record TimelinePoint(int Second, long Requests, long Errors, double CanaryRequestSharePercent, long NewUsers, long NewCanaryUsers, long CumulativeUsers, double CumulativeCanaryUserSharePercent);

/// <summary>The <c>--expect-canary</c> check with its numbers.</summary>
internal sealed record ShareCheck(double ExpectedPercent, double ObservedPercent, long SampleSize, double Sigmas, double FloorPercent, double StdDevPercent, double TolerancePercent, double LowPercent, double HighPercent, string Formula, bool Passed);
