using LoadTests.Statistics;

namespace LoadTests.Tests.Statistics;

public sealed class ShareToleranceTests
{
    [Fact]
    public void StdDev_P25N5000_IsBinomial()
    {
        var tolerance = new ShareTolerance(25, 5000, 4, 0.5);

        // sqrt(0.25 × 0.75 / 5000) = 0.0061237 → 0.61237 pp; 4 × 0.61237 + 0.5 = 2.9495 pp.
        Assert.Equal(0.61237, tolerance.StdDevPercent, 0.00001);
        Assert.Equal(2.9495, tolerance.TolerancePercent, 0.0001);
        Assert.Equal(22.0505, tolerance.LowPercent, 0.0001);
        Assert.Equal(27.9495, tolerance.HighPercent, 0.0001);
    }

    [Theory]
    [InlineData(22.06, true)]
    [InlineData(27.94, true)]
    [InlineData(22.04, false)]
    [InlineData(27.96, false)]
    [InlineData(50, false)]
    public void Contains_NearTheBounds_AcceptsOnlyInside(double observed, bool expected) =>
        Assert.Equal(expected, new ShareTolerance(25, 5000, 4, 0.5).Contains(observed));

    [Fact]
    public void Contains_NoSample_NeverPasses() =>
        Assert.False(new ShareTolerance(25, 0, 4, 0.5).Contains(25));

    [Fact]
    public void Tolerance_WeightZero_IsTheFloor()
    {
        var tolerance = new ShareTolerance(0, 1000, 4, 0.5);

        Assert.Equal(0, tolerance.StdDevPercent);
        Assert.Equal(0.5, tolerance.TolerancePercent);
        Assert.True(tolerance.Contains(0.4));
        Assert.False(tolerance.Contains(0.6));
    }

    [Fact]
    public void Explain_StatesFormulaAndNumbers()
    {
        var text = new ShareTolerance(25, 5000, 4, 0.5).Explain();

        Assert.Contains("4 × sqrt(p(1−p)/n) + 0.5 pp", text, StringComparison.Ordinal);
        Assert.Contains("sqrt(0.25 × 0.75 / 5000)", text, StringComparison.Ordinal);
        Assert.Matches(@"= 2\.9(5|49) pp → accepted 22\.05", text);
    }

    [Fact]
    public void Contains_ManySeededCorrectSplits_AlmostNeverRejects()
    {
        // 2,000 simulated runs of 1,000 users at p = 0.25: at 4 sd (+ floor) a correct split is rejected with
        // probability ~6e-5 per run, so more than 1 rejection in 2,000 would mean the tolerance is too tight.
        var random = new Random(42);
        var rejected = 0;
        for (var run = 0; run < 2000; run++)
        {
            var canary = 0;
            for (var user = 0; user < 1000; user++)
            {
                canary += random.NextDouble() < 0.25 ? 1 : 0;
            }

            rejected += new ShareTolerance(25, 1000, 4, 0.5).Contains(canary / 10.0) ? 0 : 1;
        }

        Assert.InRange(rejected, 0, 1);
    }

    [Fact]
    public void Contains_SeededSplitAt35Expecting25_WithEnoughUsers_AlwaysRejects()
    {
        // At n = 2,000 the tolerance is 4 × 0.968 + 0.5 = 4.37 pp; a true 35 % lies 10 pp (10 sd of the sample) away.
        var random = new Random(43);
        for (var run = 0; run < 200; run++)
        {
            var canary = 0;
            for (var user = 0; user < 2000; user++)
            {
                canary += random.NextDouble() < 0.35 ? 1 : 0;
            }

            Assert.False(new ShareTolerance(25, 2000, 4, 0.5).Contains(canary / 20.0));
        }
    }
}
