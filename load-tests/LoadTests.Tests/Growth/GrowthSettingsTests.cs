using LoadTests.Growth;

namespace LoadTests.Tests.Growth;

public sealed class GrowthSettingsTests
{
    private static readonly GrowthSettings Defaults = new() { RepoRoot = "/repo" };

    [Fact]
    public void Validate_Defaults_AreTheIssuesFigures()
    {
        Assert.Null(Defaults.Validate());
        Assert.Equal((1000, 100_000, 5), (Defaults.Endpoints, Defaults.Users, Defaults.Rounds));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10_001)]
    public void Validate_EndpointsOutOfRange_NamesTheOption(int endpoints) =>
        Assert.StartsWith("--endpoints", (Defaults with { Endpoints = endpoints }).Validate());

    [Theory]
    [InlineData(100)]
    [InlineData(GrowthSettings.MaxUsers + 1)]
    public void Validate_UsersOutOfRange_NamesTheOption(int users) =>
        Assert.StartsWith("--users", (Defaults with { Users = users }).Validate());

    [Fact]
    public void Validate_MoreThreadsThanConnections_IsRejected() =>
        Assert.StartsWith("--wrk-threads", (Defaults with { Connections = 2, WrkThreads = 4 }).Validate());

    [Fact]
    public void Validate_MoreThreadsThanReturningUsers_IsRejected() =>
        Assert.StartsWith("--wrk-threads", (Defaults with { Connections = 500, WrkThreads = 101 }).Validate());

    [Fact]
    public void Validate_ZeroRounds_IsRejected() =>
        Assert.StartsWith("--rounds", (Defaults with { Rounds = 0 }).Validate());

    [Fact]
    public void Validate_SubSecondRounds_AreRejected() =>
        Assert.StartsWith("--round-duration", (Defaults with { RoundDuration = TimeSpan.FromMilliseconds(500) }).Validate());

    [Theory]
    [InlineData(80)]
    [InlineData(65_531)]
    public void Validate_PortsOutOfRange_AreRejected(int port) =>
        Assert.StartsWith("--base-port", (Defaults with { BasePort = port }).Validate());

    [Fact]
    public void Validate_NegativeTolerance_IsRejected() =>
        Assert.StartsWith("--tolerance", (Defaults with { TolerancePercent = -1 }).Validate());
}
