namespace LoadTests.Diagnostics;

/// <summary>
/// The GC heap by generation after one collection, as the runtime's GCHeapStats event reports it (summed over all
/// heaps): gen0, gen1, gen2, the large object heap (the event's generation 3) and the pinned object heap (its
/// generation 4, present since .NET 5; 0 in older events).
/// </summary>
internal readonly record struct GcGenerationSizes(long Gen0, long Gen1, long Gen2, long Loh, long Poh)
{
    /// <summary>
    /// Every generation, LOH and POH included. TraceEvent's own <c>TotalHeapSize</c> is not used: depending on the
    /// version it leaves the POH out, and a server holding pinned buffers (Kestrel's memory pool) has them there.
    /// </summary>
    public long Total => Gen0 + Gen1 + Gen2 + Loh + Poh;
}
