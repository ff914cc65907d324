using System.Globalization;

namespace LoadTests.Diagnostics;

/// <summary>
/// Reads the two GC counters of the <c>System.Runtime</c> event source out of its <c>EventCounters</c> events:
/// <c>gc-heap-size</c> (<c>GC.GetTotalMemory(false)</c>: live objects plus garbage not yet collected) and
/// <c>gc-committed</c> (memory the GC has committed, in use or kept for later allocations, as of the last GC: it is
/// <c>GC.GetGCMemoryInfo().TotalCommittedBytes</c>, 0 before the first GC). The runtime publishes both
/// divided by 1,000,000 with unit "MB", i.e. decimal megabytes.
/// </summary>
internal static class RuntimeCounters
{
    public const string EventSourceName = "System.Runtime";
    public const string HeapSize = "gc-heap-size";
    public const string Committed = "gc-committed";

    /// <summary>
    /// The counter's name and value in bytes when <paramref name="payload"/> (the event's first payload value: a
    /// dictionary whose <c>Payload</c> entry holds the counter's fields) is one of the two; null for any other counter.
    /// </summary>
    public static (string Name, long Bytes)? TryRead(object? payload)
    {
        if (payload is not IDictionary<string, object> outer
            || !outer.TryGetValue("Payload", out var inner)
            || inner is not IDictionary<string, object> fields
            || !fields.TryGetValue("Name", out var value) || value is not string name
            || name is not (HeapSize or Committed)
            || !fields.TryGetValue("Mean", out var mean))
        {
            return null;
        }

        var megabytes = Convert.ToDouble(mean, CultureInfo.InvariantCulture);
        return double.IsFinite(megabytes) && megabytes >= 0 ? (name, (long)Math.Round(megabytes * 1_000_000)) : null;
    }
}
