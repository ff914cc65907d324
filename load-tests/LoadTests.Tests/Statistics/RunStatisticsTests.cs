using LoadTests.Http;
using LoadTests.Statistics;

namespace LoadTests.Tests.Statistics;

public sealed class RunStatisticsTests
{
    [Fact]
    public void Record_CraftedUsers_CountsSharesViolationsAndErrors()
    {
        var stats = new RunStatistics([("split", Expectation.Split)], "2.0");

        // Three sticky users (1.0, 1.0, 2.0), one that flips, one whose only answer is a 503.
        Replay(stats, "1.0", "1.0", "1.0");
        Replay(stats, "1.0", "1.0");
        Replay(stats, "2.0", "2.0");
        Replay(stats, "1.0", "2.0", "1.0");
        Replay(stats, (string?)null);

        var g = stats.Groups[0];
        Assert.Equal(11, g.Requests);
        Assert.Equal(1, g.ErrorRequests);
        Assert.Equal(1, g.Errors["status-503"]);
        Assert.Equal(4, g.UsersWithVersion);
        Assert.Equal(3, g.VersionUsers["1.0"]);
        Assert.Equal(1, g.VersionUsers["2.0"]);
        Assert.Equal(7, g.VersionRequests["1.0"]);
        Assert.Equal(3, g.VersionRequests["2.0"]);
        Assert.Equal(1, g.StickinessViolations);
        Assert.Equal(5, g.UsersFinished);
        Assert.Equal(25.0, VersionShare.PercentOf(g.VersionUsers, "2.0"));
        Assert.Equal(30.0, VersionShare.PercentOf(g.VersionRequests, "2.0"));

        var snapshot = stats.Snapshot(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(25.0, snapshot.CanaryUserSharePercent);
        Assert.Equal(1, snapshot.StickinessViolations);
    }

    [Fact]
    public void Record_Timeline_CountsNewUsersInTheSecondOfTheirFirstAnswer()
    {
        var stats = new RunStatistics([("split", Expectation.Split)], "2.0");
        Record(stats, new UserObservation(), 0.2, "2.0");
        var second = new UserObservation();
        Record(stats, second, 1.5, "1.0");
        Record(stats, second, 2.5, "1.0");

        Assert.Equal(3, stats.Timeline.Count);
        Assert.Equal(1, stats.Timeline[0].NewCanaryUsers);
        Assert.Equal(1, stats.Timeline[1].NewUsers);
        Assert.Equal(0, stats.Timeline[2].NewUsers);
        Assert.Equal(1, stats.Timeline[2].Requests);
    }

    [Fact]
    public void Record_ForcedGroupSeesOtherTrack_CountsForcedViolations()
    {
        var stats = new RunStatistics([("cookie canary=always", Expectation.Canary)], "2.0");
        var user = new UserObservation();
        foreach (var version in new[] { "2.0", "1.0", "2.0" })
        {
            var forced = !Expectation.Canary.Allows(version, "2.0");
            var outcome = new RequestOutcome(0.1, 1000, 200, version, version == "2.0" ? "canary" : "stable", null, forced);
            stats.Record(0, outcome, user.Observe(version, false, forced));
        }

        stats.UserFinished(0, user);

        Assert.Equal(1, stats.Groups[0].ForcedViolationRequests);
        Assert.Equal(1, stats.Groups[0].ForcedViolationUsers);
    }

    [Fact]
    public void VersionShare_Of_SumsToHundredLargestFirst()
    {
        var shares = VersionShare.Of(new Dictionary<string, long> { ["2.0"] = 1, ["1.0"] = 3 });

        Assert.Equal(["1.0", "2.0"], shares.Select(s => s.Version));
        Assert.Equal(100, shares.Sum(s => s.Percent), 1e-9);
        Assert.Empty(VersionShare.Of(new Dictionary<string, long>()));
        Assert.Equal(0, VersionShare.PercentOf(new Dictionary<string, long> { ["1.0"] = 3 }, "2.0"));
    }

    private static void Replay(RunStatistics stats, params string?[] versions)
    {
        var user = new UserObservation();
        stats.UserStarted(0);
        foreach (var version in versions)
        {
            Record(stats, user, 0.5, version);
        }

        stats.UserFinished(0, user);
    }

    private static void Record(RunStatistics stats, UserObservation user, double at, string? version)
    {
        var outcome = version is null
            ? new RequestOutcome(at, 500, 503, null, "stable", ErrorKinds.Status(503), false)
            : new RequestOutcome(at, 1000, 200, version, version == "2.0" ? "canary" : "stable", null, false);
        stats.Record(0, outcome, user.Observe(outcome.Version, outcome.Error is not null, false));
    }
}
