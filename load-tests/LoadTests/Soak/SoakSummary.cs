namespace LoadTests.Soak;

/// <summary>
/// Whether the soak's memory levelled off: the largest working set against the limit (the "≤ 150 MB", read as
/// decimal megabytes, the stricter reading), and how much the working set and the heap after a full GC still grew
/// from the second sample (past warm-up) to the last.
/// </summary>
internal sealed record SoakSummary(
    long MaxRssBytes,
    long MaxHeapAfterFullGcBytes,
    int MinHeapCount,
    int MaxHeapCount,
    double? GrowthFromMinute,
    long? RssGrowthBytes,
    long? HeapGrowthBytes,
    long LimitBytes)
{
    public bool WithinLimit => MaxRssBytes <= LimitBytes;

    public static SoakSummary Of(IReadOnlyList<SoakRow> rows, long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        // With three or more samples the first is still warm-up (JIT tiers, pools filling); with two, all there is.
        var from = rows.Count >= 3 ? rows[1] : rows.Count == 2 ? rows[0] : null;
        var last = rows[^1];
        return new SoakSummary(
            rows.Max(row => row.Sample.RssBytes),
            rows.Max(row => row.Sample.HeapAfterFullGcBytes),
            rows.Min(row => row.Sample.HeapCount),
            rows.Max(row => row.Sample.HeapCount),
            from?.Minute,
            from is null ? null : last.Sample.RssBytes - from.Sample.RssBytes,
            from is null ? null : last.Sample.HeapAfterFullGcBytes - from.Sample.HeapAfterFullGcBytes,
            limitBytes);
    }
}
