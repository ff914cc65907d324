using static LoadTests.Tests.Soak.SoakRows;
using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

public sealed class SoakTableTests
{
    [Fact]
    public void Markdown_Rows_OneLineEachWithTheSummary()
    {
        SoakRow[] rows = [Row(2, 120, 12, 1, rps: null), Row(5, 160, 13, 2)];

        var text = SoakTable.Markdown(rows, SoakSummary.Of(rows, 150_000_000));

        Assert.Contains("| 2 | 2:00 | – | 15 % | 120.0 | 60.0 / 60.0 / 0.0 | 12.0 | 1 | 30.0 | 50.0 |", text, StringComparison.Ordinal);
        Assert.Contains("| 5 | 5:00 | 1000 | 15 % | 160.0 | 80.0 / 80.0 / 0.0 | 13.0 | 2 | 30.0 | 50.0 |", text, StringComparison.Ordinal);
        Assert.Contains("Working set at most 160.0 MiB (167.8 MB): OVER the limit of 150 MB = 143.1 MiB.", text, StringComparison.Ordinal);
        Assert.Contains("GC heaps 1–2.", text, StringComparison.Ordinal);
        Assert.Contains("From minute 2 to the last sample: working set +40.0 MiB, GC heap after full GC +1.0 MiB.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_Row_NamesMinuteTimeRateAndSample() =>
        Assert.StartsWith("minute 5 (at 5:00): 1000 req/s, cpu 15 %, rss 160.0 MiB (anon 80.0, file 80.0, shmem 0.0), gc heap after full GC 13.0 MiB, heaps 2", SoakTable.Line(Row(5, 160, 13, 2)), StringComparison.Ordinal);
}
