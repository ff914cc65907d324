using LoadTests.Statistics;

namespace LoadTests.Tests.Statistics;

public sealed class UserObservationTests
{
    [Fact]
    public void Observe_SameVersionEveryTime_NoViolation()
    {
        var user = UserObservation.Of("1.0", "1.0", "1.0");

        Assert.False(user.IsStickinessViolation);
        Assert.Equal("1.0", user.FirstVersion);
        Assert.Equal(3, user.Requests);
    }

    [Fact]
    public void Observe_SecondVersionLater_IsViolation()
    {
        var user = UserObservation.Of("2.0", "2.0", "1.0", "2.0");

        Assert.True(user.IsStickinessViolation);
        Assert.Equal("2.0", user.FirstVersion);
        Assert.Equal(["2.0", "1.0"], user.Versions);
    }

    [Fact]
    public void Observe_FailedFirstRequest_FirstVersionIsFirstAnswer()
    {
        var user = UserObservation.Of(null, "2.0", null, "2.0");

        Assert.False(user.IsStickinessViolation);
        Assert.Equal("2.0", user.FirstVersion);
        Assert.Equal(2, user.Errors);
    }

    [Fact]
    public void Observe_ReportsFirstThenViolationOnce()
    {
        var user = new UserObservation();

        Assert.Equal(VersionChange.First, user.Observe("1.0", false, false));
        Assert.Equal(VersionChange.None, user.Observe("1.0", false, false));
        Assert.Equal(VersionChange.BecameViolation, user.Observe("2.0", false, false));
        Assert.Equal(VersionChange.None, user.Observe("1.0", false, false));
        Assert.Equal(VersionChange.None, user.Observe("3.0", false, false));
    }

    [Theory]
    [InlineData("Canary", "2.0", true)]
    [InlineData("Canary", "1.0", false)]
    [InlineData("Stable", "1.0", true)]
    [InlineData("Stable", "2.0", false)]
    [InlineData("Split", "2.0", true)]
    [InlineData("Split", "1.0", true)]
    public void Allows_ForcedTrack_OnlyThatTracksVersion(string expectation, string version, bool allowed) =>
        Assert.Equal(allowed, Enum.Parse<Expectation>(expectation).Allows(version, canaryVersion: "2.0"));
}
