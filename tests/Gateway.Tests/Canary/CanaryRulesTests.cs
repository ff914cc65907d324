using Gateway.Canary;
using Gateway.Tracks;

namespace Gateway.Tests.Canary;

public sealed class CanaryRulesTests
{
    private static readonly CanarySettings Defaults = CanarySettings.From(new CanaryOptions());

    private static CanaryRules Rules(double? weight, int stableReady = 3, int canaryReady = 1) =>
        CanaryRules.Create(Defaults with { Weight = weight }, ["canary.foo.bar"], [], stableReady, canaryReady);

    [Theory]
    [InlineData(0d, 0)]
    [InlineData(100d, 10_000)]
    [InlineData(25d, 2_500)]
    [InlineData(33.33, 3_333)]
    [InlineData(0.01, 1)]
    [InlineData(12.345, 1_235)]
    public void Create_ConfiguredWeight_MapsToBucketThreshold(double weight, int threshold)
    {
        var rules = Rules(weight);

        Assert.Equal(threshold, rules.CanaryThreshold);
        Assert.Equal(WeightSource.Configured, rules.WeightSource);
    }

    [Theory]
    [InlineData(3, 1, 2_500)]
    [InlineData(2, 1, 3_333)]
    [InlineData(1, 1, 5_000)]
    [InlineData(3, 0, 0)]
    [InlineData(0, 2, 10_000)]
    [InlineData(0, 0, 0)]
    public void Create_WeightOmitted_IsProportionalToReadyEndpoints(int stableReady, int canaryReady, int threshold)
    {
        var rules = Rules(weight: null, stableReady, canaryReady);

        Assert.Equal(threshold, rules.CanaryThreshold);
        Assert.Equal(WeightSource.Proportional, rules.WeightSource);
    }

    [Fact]
    public void TrackOf_WeightZero_NoBucketIsCanary()
    {
        var rules = Rules(0);

        Assert.Equal(Track.Stable, rules.TrackOf(0));
        Assert.Equal(Track.Stable, rules.TrackOf(9_999));
    }

    [Fact]
    public void TrackOf_WeightHundred_EveryBucketIsCanary()
    {
        var rules = Rules(100);

        Assert.Equal(Track.Canary, rules.TrackOf(0));
        Assert.Equal(Track.Canary, rules.TrackOf(9_999));
    }

    [Fact]
    public void TrackOf_Weight25_BucketsBelow2500AreCanary()
    {
        var rules = Rules(25);

        Assert.Equal(Track.Canary, rules.TrackOf(2_499));
        Assert.Equal(Track.Stable, rules.TrackOf(2_500));
    }

    [Fact]
    public void Create_Hosts_AreNormalisedToLowerCaseWithoutTrailingDot()
    {
        var rules = CanaryRules.Create(Defaults, ["Canary.Foo.Bar.", "canary.foo.bar"], ["FOO.bar"], 1, 1);

        Assert.Equal(["canary.foo.bar"], rules.CanaryHosts);
        Assert.Equal(["foo.bar"], rules.StableHosts);
    }

    [Fact]
    public void Create_ForcingDisallowed_HasNoForceHeaderOrCookie()
    {
        var rules = CanaryRules.Create(Defaults with { AllowForcing = false }, [], [], 1, 1);

        Assert.Null(rules.ForceHeader);
        Assert.Null(rules.ForceCookie);
    }
}
