using Gateway.Canary;

namespace Gateway.Tests.Canary;

public sealed class WeightSourcesTests
{
    private static readonly CanarySettings Defaults = CanarySettings.From(new CanaryOptions());

    [Fact]
    public void Resolve_WeightConfigured_ConfiguredWinsOverPods()
    {
        var (weight, source) = WeightSources.Resolve(Defaults with { Weight = 12.5 }, stableReady: 1, canaryReady: 1);

        Assert.Equal(12.5, weight);
        Assert.Equal(WeightSource.Configured, source.Source);
        Assert.Equal("configured", source.Name);
    }

    [Theory]
    [InlineData(3, 1, 25)]
    [InlineData(0, 2, 100)]
    [InlineData(2, 0, 0)]
    [InlineData(0, 0, 0)]
    public void Resolve_NoWeight_ProportionalToReadyPods(int stable, int canary, double expected)
    {
        var (weight, source) = WeightSources.Resolve(Defaults, stable, canary);

        Assert.Equal(expected, weight);
        Assert.Equal("proportional", source.Name);
    }

    [Fact]
    public void Ordered_LastSource_AlwaysHasAWeight() =>
        Assert.NotNull(WeightSources.Ordered[^1].Weigh(Defaults, 0, 0));

    [Fact]
    public void ConfiguredWeight_Unset_DefersToTheNextSource() =>
        Assert.Null(new ConfiguredWeight().Weigh(Defaults, 3, 1));
}
