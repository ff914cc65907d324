using static LoadTests.Tests.Soak.SoakRows;
using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

public sealed class SoakSummaryTests
{
    private const long Limit = 150_000_000;

    [Fact]
    public void Of_FiveSamples_MeasuresGrowthFromTheSecondToTheLast()
    {
        SoakRow[] rows = [Row(2, 120, 12, 1), Row(5, 140, 13, 2), Row(10, 141, 13, 2), Row(15, 139, 14, 2), Row(20, 142, 14, 1)];

        var summary = SoakSummary.Of(rows, Limit);

        Assert.Equal(142 * MiB, summary.MaxRssBytes);
        Assert.Equal(14 * MiB, summary.MaxHeapAfterFullGcBytes);
        Assert.Equal((1, 2), (summary.MinHeapCount, summary.MaxHeapCount));
        Assert.Equal(5, summary.GrowthFromMinute);
        Assert.Equal(2 * MiB, summary.RssGrowthBytes);
        Assert.Equal(1 * MiB, summary.HeapGrowthBytes);
    }

    [Fact]
    public void Of_TwoSamples_MeasuresGrowthFromTheFirst()
    {
        var summary = SoakSummary.Of([Row(1, 100, 10, 1), Row(2, 90, 12, 1)], Limit);

        Assert.Equal(1, summary.GrowthFromMinute);
        Assert.Equal(-10 * MiB, summary.RssGrowthBytes);
    }

    [Fact]
    public void Of_OneSample_HasNoGrowth()
    {
        var summary = SoakSummary.Of([Row(2, 100, 10, 1)], Limit);

        Assert.Null(summary.GrowthFromMinute);
        Assert.Null(summary.RssGrowthBytes);
    }

    [Theory]
    [InlineData(143, true)] // 149.9 MB
    [InlineData(144, false)] // 151.0 MB: within 150 MiB, over 150 MB
    public void WithinLimit_ReadsTheLimitAsDecimalMegabytes(long rssMiB, bool within) =>
        Assert.Equal(within, SoakSummary.Of([Row(2, rssMiB, 10, 1)], Limit).WithinLimit);
}
