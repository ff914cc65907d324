using System.Globalization;

namespace LoadTests.Diagnostics;

/// <summary>One look at a running .NET process's memory: see <see cref="GcSampler"/>.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Time">When the sample was taken (the working set is read first).</param>
/// <param name="Memory">Working set (VmRSS) and its parts before the induced GC: about what the container's memory limit counts.</param>
/// <param name="HeapCounterBytes">The runtime's gc-heap-size counter just before the induced GC (what a dashboard shows: live objects plus garbage not yet collected); null when not read.</param>
/// <param name="CommittedBytes">The runtime's gc-committed counter just before the induced GC: memory the GC held, used or kept for allocations, at the GC before (part of the working set); null when not read.</param>
/// <param name="GcIndex">The induced GC's number.</param>
/// <param name="Generations">The GC heap right after the induced full blocking GC, by generation.</param>
/// <param name="HeapCount">GC heaps at that GC (Server GC: up to one per core; DATAS changes it under load; Workstation: 1).</param>
internal sealed record GcSample(int Pid, DateTimeOffset Time, ProcessMemory Memory, long? HeapCounterBytes, long? CommittedBytes, int GcIndex, GcGenerationSizes Generations, int HeapCount)
{
    private const double MiB = 1024 * 1024;

    /// <summary>The working set (VmRSS).</summary>
    public long RssBytes => Memory.RssBytes;

    /// <summary>The live GC heap: every generation after the full GC.</summary>
    public long HeapAfterFullGcBytes => Generations.Total;

    /// <summary>One line, e.g. <c>rss 123.4 MiB (anon 60.1, file 50.2, shmem 13.1), gc heap after full GC 45.6 MiB, heaps 2</c> and the counters.</summary>
    public string Describe()
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"rss {RssBytes / MiB:0.0} MiB (anon {Memory.AnonBytes / MiB:0.0}, file {Memory.FileBytes / MiB:0.0}, shmem {Memory.ShmemBytes / MiB:0.0}), gc heap after full GC {HeapAfterFullGcBytes / MiB:0.0} MiB, heaps {HeapCount}");
        return HeapCounterBytes is { } heap && CommittedBytes is { } committed
            ? line + string.Create(CultureInfo.InvariantCulture, $" (counters before it: gc-heap-size {heap / MiB:0.0} MiB, gc-committed {committed / MiB:0.0} MiB)")
            : line;
    }
}
