using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts;

public sealed class RolloutAnalysisTests
{
    private static readonly RolloutOptions Defaults = new();

    [Fact]
    public void FewerCanaryRequestsThanMinRequests_Waits_EvenWhenEveryOneFailed()
    {
        var (verdict, why) = RolloutAnalysis.Judge(new TrafficSample(TrafficSamples.Track(5000, 0), TrafficSamples.Track(49, 49)), Defaults);

        Assert.Equal(RolloutVerdict.Wait, verdict);
        Assert.Contains("49 canary request(s), 50 needed", why);
    }

    [Theory]
    // The README's table: with MaxErrorRate 1 % and a clean stable, the fewest errors that fail a check.
    [InlineData(50, 4)]
    [InlineData(100, 5)]
    [InlineData(200, 7)]
    [InlineData(1000, 19)]
    public void ErrorGate_FailsFromTheFirstCountThatIsSignificant(long requests, long firstFailing)
    {
        var stable = TrafficSamples.Track(100_000, 0);

        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(new TrafficSample(stable, TrafficSamples.Track(requests, firstFailing - 1)), Defaults).Verdict);
        var (verdict, why) = RolloutAnalysis.Judge(new TrafficSample(stable, TrafficSamples.Track(requests, firstFailing)), Defaults);
        Assert.Equal(RolloutVerdict.Fail, verdict);
        Assert.Contains("with 99% confidence", why);
    }

    [Fact]
    public void ErrorGate_CanaryAsBadAsStable_Passes_EvenAboveMaxErrorRate()
    {
        // Both tracks at 5 %: the backend (a shared database, say) is failing, not the canary.
        var interval = new TrafficSample(TrafficSamples.Track(10_000, 500), TrafficSamples.Track(1000, 50));

        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(interval, Defaults).Verdict);
    }

    [Fact]
    public void ErrorGate_CanaryWorseThanABadStable_Fails()
    {
        var interval = new TrafficSample(TrafficSamples.Track(10_000, 500), TrafficSamples.Track(1000, 120));

        Assert.Equal(RolloutVerdict.Fail, RolloutAnalysis.Judge(interval, Defaults).Verdict);
    }

    [Fact]
    public void ErrorGate_NoStableTraffic_JudgesAgainstMaxErrorRateAlone()
    {
        // The last step, 100 %: stable sees no new users.
        Assert.Equal(RolloutVerdict.Fail, RolloutAnalysis.Judge(new TrafficSample(TrackSample.Empty, TrafficSamples.Track(1000, 40)), Defaults).Verdict);
        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(new TrafficSample(TrackSample.Empty, TrafficSamples.Track(1000, 5)), Defaults).Verdict);
    }

    [Fact]
    public void ErrorGate_FewStableErrorsByChance_DoNotMakeOneCanaryErrorSignificant()
    {
        // MaxErrorRate 0 alone would fail on any error; stable's own rate keeps one error in a thousand from failing.
        var options = new RolloutOptions { Gates = { MaxErrorRate = 0 } };
        var interval = new TrafficSample(TrafficSamples.Track(10_000, 0), TrafficSamples.Track(1000, 1));

        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(interval, options).Verdict);
    }

    [Fact]
    public void P99AboveMaxP99_BeyondChance_Fails()
    {
        // 5 of 100 canary requests take 800 ms: P(X >= 5) = 0.0034 for X ~ Binomial(100, 1 %).
        var interval = new TrafficSample(TrafficSamples.Track(10_000, 0, 10), TrafficSamples.Track(100, 0, 10, slow: 5, slowMilliseconds: 800));

        var (verdict, why) = RolloutAnalysis.Judge(interval, Defaults);

        Assert.Equal(RolloutVerdict.Fail, verdict);
        Assert.Contains("above MaxP99 500 ms (5 of 100 requests slower than 500 ms", why);
    }

    [Fact]
    public void P99AboveMaxP99_ByChance_Passes()
    {
        // 2 of 100 slow requests make the p99 800 ms, but a p99 of 500 ms lets that through one time in four.
        var interval = new TrafficSample(TrafficSamples.Track(10_000, 0, 10), TrafficSamples.Track(100, 0, 10, slow: 2, slowMilliseconds: 800));

        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(interval, Defaults).Verdict);
    }

    [Fact]
    public void SlowestOfFiftyAboveStablesP99TimesFactor_Passes()
    {
        // The demo's false alarm: a p99 read off 61 requests is their slowest, 8 ms, against stable's 5 ms x 1.5.
        var interval = new TrafficSample(TrafficSamples.Track(600, 0, 1, slow: 6, slowMilliseconds: 5), TrafficSamples.Track(61, 0, 1, slow: 1, slowMilliseconds: 8.3));

        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(interval, Defaults).Verdict);
    }

    [Fact]
    public void P99AboveStablesTimesFactor_Fails_OnlyWhenStableHadMinRequests()
    {
        var canary = TrafficSamples.Track(1000, 0, 30);

        var (verdict, why) = RolloutAnalysis.Judge(new TrafficSample(TrafficSamples.Track(1000, 0, 10), canary), Defaults);
        Assert.Equal(RolloutVerdict.Fail, verdict);
        Assert.Contains("above stable's", why);

        // Stable below MinRequests: its p99 is not compared.
        Assert.Equal(RolloutVerdict.Pass, RolloutAnalysis.Judge(new TrafficSample(TrafficSamples.Track(49, 0, 10), canary), Defaults).Verdict);
    }

    [Fact]
    public void P99WithinFactorOfStable_Passes()
    {
        var interval = new TrafficSample(TrafficSamples.Track(1000, 0, 10), TrafficSamples.Track(1000, 0, 14));

        var (verdict, why) = RolloutAnalysis.Judge(interval, Defaults);

        Assert.Equal(RolloutVerdict.Pass, verdict);
        Assert.Contains("within the gates", why);
    }
}
