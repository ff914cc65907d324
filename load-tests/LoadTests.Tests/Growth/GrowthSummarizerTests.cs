using LoadTests.Bench;
using LoadTests.Growth;

namespace LoadTests.Tests.Growth;

public sealed class GrowthSummarizerTests
{
    private const string Small = "4 endpoints · 100 users";
    private const string Large = "1000 endpoints · 100 users";

    [Fact]
    public void Summarize_ThreeRounds_TakesMediansAndSpread()
    {
        var rounds = new[]
        {
            Round(Small, 1, rps: 1000, p99: 5, cpu: 100, rss: 90_000),
            Round(Small, 2, rps: 1200, p99: 9, cpu: 80, rss: 95_000),
            Round(Small, 3, rps: 1100, p99: 7, cpu: 90, rss: 92_000),
        };

        var s = Assert.Single(GrowthSummarizer.Summarize(rounds, Memory(Small)));

        Assert.Equal((1100.0, 1000.0, 1200.0), (s.MedianRps, s.MinRps, s.MaxRps));
        Assert.Equal((7.0, 5.0, 9.0), (s.MedianP99Ms, s.MinP99Ms, s.MaxP99Ms));
        Assert.Equal((90.0, 80.0, 100.0), (s.MedianCpuMicrosPerRequest, s.MinCpuMicrosPerRequest, s.MaxCpuMicrosPerRequest));
        Assert.Equal(95_000, s.PeakRssKiB);
        Assert.Equal(120_000, s.Memory?.AfterRssKiB);
    }

    [Fact]
    public void Ratio_CostUpByAThird_IsGrowth()
    {
        var summary = GrowthSummarizer.Summarize([Round(Small, 1, rps: 1000, p99: 10, cpu: 90, rss: 100_000), Round(Large, 1, rps: 800, p99: 15, cpu: 120, rss: 104_000)], Memory(Small, Large));

        var ratio = GrowthSummarizer.Ratio(summary, "endpoints", Large, Small, tolerance: 0.10);

        Assert.NotNull(ratio);
        Assert.Equal(0.8, ratio.Rps, 6);
        Assert.Equal(1.5, ratio.P99, 6);
        Assert.Equal(120.0 / 90, ratio.CpuPerRequest!.Value, 6);
        Assert.Equal(1.04, ratio.PeakRss!.Value, 6);
        Assert.False(ratio.Flat);
    }

    [Theory]
    [InlineData(99, 100_000, true)]
    [InlineData(95, 112_000, false)]
    [InlineData(70, 100_000, true)]
    public void Ratio_Flat_NeedsCpuAndPeakMemoryWithinTolerance(double largeCpu, long largeRss, bool flat)
    {
        var summary = GrowthSummarizer.Summarize([Round(Small, 1, rps: 1000, p99: 10, cpu: 90, rss: 100_000), Round(Large, 1, rps: 1000, p99: 10, cpu: largeCpu, rss: largeRss)], Memory(Small, Large));

        Assert.Equal(flat, GrowthSummarizer.Ratio(summary, "endpoints", Large, Small, tolerance: 0.10)?.Flat);
    }

    [Fact]
    public void Ratio_MissingTarget_IsNull()
    {
        var summary = GrowthSummarizer.Summarize([Round(Small, 1, rps: 1000, p99: 10, cpu: 90, rss: 100_000)], Memory(Small));

        Assert.Null(GrowthSummarizer.Ratio(summary, "endpoints", Large, Small, 0.1));
    }

    [Fact]
    public void Passed_ErrorsAboveATenthOfAPercent_Fails()
    {
        var ok = Round(Small, 1, rps: 1000, p99: 10, cpu: 90, rss: 100_000) with { Requests = 10_000, Errors = 10 };
        var bad = ok with { Errors = 11 };

        Assert.True(GrowthSummarizer.Passed(GrowthSummarizer.Summarize([ok], Memory(Small))));
        Assert.False(GrowthSummarizer.Passed(GrowthSummarizer.Summarize([bad], Memory(Small))));
        Assert.False(GrowthSummarizer.Passed([]));
    }

    private static RoundResult Round(string target, int round, double rps, double p99, double cpu, long rss) =>
        new(target, round, (long)(rps * 10), 10, rps, 1, 2, p99, p99 * 2, 0, "", cpu, rss);

    private static Dictionary<string, GrowthMemory> Memory(params string[] targets) =>
        targets.ToDictionary(t => t, _ => new GrowthMemory(80_000, 120_000, 130_000));
}
