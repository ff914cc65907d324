namespace LoadTests.Statistics;

/// <summary>The running totals shown while a scenario runs.</summary>
internal sealed record LiveSnapshot(
    TimeSpan Elapsed,
    long Requests,
    long Errors,
    long UsersStarted,
    long UsersFinished,
    long SplitUsersWithVersion,
    double CanaryUserSharePercent,
    double CanaryRequestSharePercent,
    long StickinessViolations,
    long ForcedViolationRequests,
    double RecentRps);
