using LoadTests.Reporting;
using LoadTests.Statistics;
using LoadTests.Verdicts;

namespace LoadTests.Tests.Verdicts;

public sealed class VerdictEvaluatorTests
{
    [Fact]
    public void Evaluate_ShareWithinTolerance_NoViolations_Passes()
    {
        var report = Evaluate(Split(users: 5000, canaryUsers: 1230), expect: 25);

        Assert.True(report.Passed, Describe(report));
        Assert.NotNull(report.Share);
        Assert.Equal(24.6, report.Share.ObservedPercent, 1e-9);
        Assert.Equal(2.9495, report.Share.TolerancePercent, 0.0001);
    }

    [Fact]
    public void Evaluate_ShareOutsideTolerance_FailsNamingTheNumbers()
    {
        var report = Evaluate(Split(users: 5000, canaryUsers: 1500), expect: 25);

        Assert.False(report.Passed);
        var check = Assert.Single(report.Checks, c => c.Name == "canary share");
        Assert.False(check.Passed);
        Assert.Contains("30 % of 5000 users", check.Detail, StringComparison.Ordinal);
        Assert.Contains("accepted 22.05", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OneStickinessViolation_Fails()
    {
        var report = Evaluate(Split(users: 5000, canaryUsers: 1250, violations: 1), expect: 25);

        Assert.False(Assert.Single(report.Checks, c => c.Name == "stickiness").Passed);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Evaluate_NoExpectation_NoShareCheckButStickinessStill()
    {
        var report = Evaluate(Split(users: 100, canaryUsers: 90), expect: null);

        Assert.Null(report.Share);
        Assert.DoesNotContain(report.Checks, c => c.Name == "canary share");
        Assert.Contains(report.Checks, c => c.Name == "stickiness");
        Assert.True(report.Passed);
    }

    [Theory]
    [InlineData(0, 0.0, true)]
    [InlineData(1, 0.0, false)]
    [InlineData(5, 0.1, true)]
    [InlineData(6, 0.1, false)]
    public void Evaluate_ErrorRate_AgainstMaxErrors(int errors, double maxErrors, bool passes)
    {
        var report = VerdictEvaluator.Evaluate(Report([Split(users: 500, canaryUsers: 125, requests: 5000, errors: errors)]), new VerdictSettings { MaxErrorPercent = maxErrors });

        Assert.Equal(passes, Assert.Single(report.Checks, c => c.Name == "error rate").Passed);
    }

    [Fact]
    public void Evaluate_ForcedGroupSawOtherVersion_Fails()
    {
        var forced = Split(users: 100, canaryUsers: 100) with { Name = "cookie canary=always", Expectation = Expectation.Canary.Describe(), ForcedViolationRequests = 2, ForcedViolationUsers = 1 };

        var report = VerdictEvaluator.Evaluate(Report([forced]), new VerdictSettings());

        Assert.False(Assert.Single(report.Checks, c => c.Name == "canary only: cookie canary=always").Passed);
    }

    private static RunReport Evaluate(GroupReport group, double? expect) =>
        VerdictEvaluator.Evaluate(Report([group]), new VerdictSettings { ExpectCanaryPercent = expect });

    private static GroupReport Split(long users, long canaryUsers, long violations = 0, long? requests = null, long errors = 0)
    {
        var total = requests ?? users * 10;
        return new GroupReport(
            "split", Expectation.Split.Describe(), users, users, total, errors, new Dictionary<string, long>(),
            violations, 0, 0, 0, canaryUsers, 100.0 * canaryUsers / users, 100.0 * canaryUsers / users, [], LatencySummary.Empty);
    }

    private static RunReport Report(IReadOnlyList<GroupReport> groups)
    {
        var requests = groups.Sum(g => g.Requests);
        var errors = groups.Sum(g => g.ErrorRequests);
        var totals = new TotalsReport(requests, 100, errors, requests == 0 ? 0 : 100.0 * errors / requests, new Dictionary<string, long>(), 0, 0, 0, 0, LatencySummary.Empty);
        return new RunReport("canary-load", "split", "", DateTimeOffset.UnixEpoch, 1, "completed", "", new TargetReport("http://x/", null, [], "none", "2.0", 10), new SimulationReport("", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), totals, groups, []);
    }

    private static string Describe(RunReport report) => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Passed} {c.Detail}"));
}
