using HdrHistogram;
using LoadTests.Statistics;

namespace LoadTests.Tests.Statistics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Summary_OneToThousandMs_PercentilesWithinHdrPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(ms * 1000L);
        }

        var summary = histogram.Summary();

        // 3 significant digits: values are exact to within 0.1 %.
        Assert.Equal(1000, summary.Count);
        Assert.Equal(500, summary.P50Ms, 0.5);
        Assert.Equal(900, summary.P90Ms, 0.9);
        Assert.Equal(990, summary.P99Ms, 1.0);
        Assert.Equal(999, summary.P999Ms, 1.0);
        Assert.Equal(1000, summary.MaxMs, 1.0);
        Assert.Equal(500.5, summary.MeanMs, 0.5);
    }

    [Fact]
    public void Summary_OneSlowRequestInAThousand_OnlyTopPercentilesSeeIt()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 999; i++)
        {
            histogram.Record(2_000);
        }

        histogram.Record(3_000_000);
        var summary = histogram.Summary();

        Assert.Equal(2, summary.P50Ms, 0.01);
        Assert.Equal(2, summary.P99Ms, 0.01);
        Assert.Equal(3000, summary.MaxMs, 3.0);
    }

    [Fact]
    public void Summary_Empty_IsZeros() => Assert.Equal(LatencySummary.Empty, new LatencyHistogram().Summary());

    [Fact]
    public void Record_BeyondHighestTrackable_IsClampedNotLost()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(LatencyHistogram.HighestMicros * 10);
        histogram.Record(0);

        Assert.Equal(2, histogram.Count);
    }

    [Fact]
    public void From_AnyHdrHistogram_ReadsMicrosecondsAsMs()
    {
        var histogram = new LongHistogram(1, 1_000_000, 3);
        histogram.RecordValue(1500);

        Assert.Equal(1.5, LatencySummary.From(histogram).P50Ms, 0.01);
    }

    [Fact]
    public void Curve_IsMonotonic_EndsAtMax()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(1);
        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(random.Next(100, 50_000));
        }

        var curve = histogram.Curve();

        Assert.NotEmpty(curve);
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Percentile >= curve[i - 1].Percentile);
            Assert.True(curve[i].LatencyMs >= curve[i - 1].LatencyMs);
        }

        Assert.Equal(histogram.Summary().MaxMs, curve[^1].LatencyMs, 0.05);
    }
}
