namespace LoadTests.Diagnostics;

/// <summary>
/// Picks the induced full blocking GC out of a stream of GC events and keeps what the runtime reported at its end:
/// the generation sizes (GCHeapStats) and the number of heaps (GCGlobalHeapHistory). A busy server also runs its own
/// gen0/gen1 and background GCs while the session is open; those are ignored. Fed by <see cref="GcSampler"/>; kept
/// free of TraceEvent types so that the choice can be tested with made-up sequences.
/// </summary>
internal sealed class InducedGcCollector
{
    /// <summary>GCStart's Type for a blocking GC (1 is background, 2 foreground during a background GC).</summary>
    public const int NonConcurrentGc = 0;

    // GCReason values that mean "somebody asked for it": Induced (1, what ETW::GCLog::ForceGC uses when a session turns
    // on GCHeapCollect), InducedNotForced (7), InducedLowMemory (9), InducedCompacting (10).
    private static readonly int[] InducedReasons = [1, 7, 9, 10];

    private int? _gcIndex;
    private GcGenerationSizes? _sizes;
    private int? _heapCount;

    /// <summary>The GC's number (GCStart's Count), once an induced full blocking GC has started.</summary>
    public int? GcIndex => _gcIndex;

    /// <summary>Sizes and heap count of the induced GC, once both have arrived.</summary>
    public (int GcIndex, GcGenerationSizes Sizes, int HeapCount)? Result =>
        _gcIndex is { } index && _sizes is { } sizes && _heapCount is { } heaps ? (index, sizes, heaps) : null;

    /// <summary>A GCStart event.</summary>
    public void OnGcStart(int count, int depth, int type, int reason)
    {
        if (_gcIndex is null && depth == 2 && type == NonConcurrentGc && IsInduced(reason))
        {
            _gcIndex = count;
        }
    }

    /// <summary>
    /// A GCGlobalHeapHistory event (fired at the end of every GC). A blocking GC suspends everything else, so the first
    /// one after the induced GCStart is its own; its condemned generation and reason are checked all the same.
    /// </summary>
    public void OnGlobalHeapHistory(int condemnedGeneration, int reason, int numHeaps)
    {
        if (_gcIndex is not null && _heapCount is null && condemnedGeneration == 2 && IsInduced(reason))
        {
            _heapCount = numHeaps;
        }
    }

    /// <summary>A GCHeapStats event (fired at the end of every GC; it carries no GC number, so order decides).</summary>
    public void OnHeapStats(GcGenerationSizes sizes)
    {
        if (_gcIndex is not null && _sizes is null)
        {
            _sizes = sizes;
        }
    }

    private static bool IsInduced(int reason) => Array.IndexOf(InducedReasons, reason) >= 0;
}
