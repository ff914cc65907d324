using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>How a scenario run went, beside its figures.</summary>
/// <param name="StartedAt">Wall-clock start (UTC), for the report.</param>
/// <param name="Elapsed">From the first arrival to the last answer.</param>
/// <param name="EndReason"><c>completed</c>, <c>duration cap</c>, <c>stopped</c> (by the scenario, e.g. the rollout ended) or <c>interrupted</c>.</param>
/// <param name="UsersNotStarted">Users that had not arrived when the run ended.</param>
/// <param name="Statistics">The figures.</param>
/// <param name="LateArrivals">Users that arrived more than a second late because <c>--max-active</c> users were busy.</param>
internal sealed record RunResult(DateTimeOffset StartedAt, TimeSpan Elapsed, string EndReason, int UsersNotStarted, int LateArrivals, RunStatistics Statistics);
