using LoadTests.Diagnostics;

namespace LoadTests.Tests.Diagnostics;

public sealed class InducedGcCollectorTests
{
    private const int Blocking = InducedGcCollector.NonConcurrentGc;
    private const int Background = 1;
    private const int AllocSmall = 0;
    private const int Induced = 1;

    private static readonly GcGenerationSizes Ephemeral = new(0, 300_000, 6_000_000, 6_000_000, 100_000);
    private static readonly GcGenerationSizes AfterFullGc = new(0, 192_160, 6_723_784, 6_443_184, 169_776);

    [Fact]
    public void Events_InducedFullGc_KeepsItsSizesAndHeapCount()
    {
        var collector = new InducedGcCollector();

        // The order the runtime sends them in: start, global history, (GCEnd,) heap stats.
        collector.OnGcStart(count: 202, depth: 2, type: Blocking, reason: Induced);
        collector.OnGlobalHeapHistory(condemnedGeneration: 2, reason: Induced, numHeaps: 2);
        collector.OnHeapStats(AfterFullGc);

        Assert.Equal((202, AfterFullGc, 2), collector.Result);
    }

    [Fact]
    public void Events_EphemeralGcBeforeTheInducedOne_IsIgnored()
    {
        var collector = new InducedGcCollector();

        collector.OnGcStart(201, 0, Blocking, AllocSmall);
        collector.OnGlobalHeapHistory(0, AllocSmall, 4);
        collector.OnHeapStats(Ephemeral);
        Assert.Null(collector.Result);
        collector.OnGcStart(202, 2, Blocking, Induced);
        collector.OnGlobalHeapHistory(2, Induced, 2);
        collector.OnHeapStats(AfterFullGc);

        Assert.Equal((202, AfterFullGc, 2), collector.Result);
    }

    [Fact]
    public void Events_EphemeralGcAfterTheInducedOne_DoesNotReplaceIt()
    {
        var collector = new InducedGcCollector();
        collector.OnGcStart(202, 2, Blocking, Induced);
        collector.OnGlobalHeapHistory(2, Induced, 2);
        collector.OnHeapStats(AfterFullGc);

        collector.OnGcStart(203, 0, Blocking, AllocSmall);
        collector.OnGlobalHeapHistory(0, AllocSmall, 3);
        collector.OnHeapStats(Ephemeral);

        Assert.Equal((202, AfterFullGc, 2), collector.Result);
    }

    [Theory]
    [InlineData(2, Background, Induced)] // A background gen2 GC leaves gen0 allocations uncollected.
    [InlineData(2, Blocking, AllocSmall)] // A full GC the runtime chose itself is not ours.
    [InlineData(1, Blocking, Induced)] // GC.Collect(1) somewhere in the app.
    public void Events_NotAnInducedFullBlockingGc_AreNotTaken(int depth, int type, int reason)
    {
        var collector = new InducedGcCollector();

        collector.OnGcStart(7, depth, type, reason);
        collector.OnGlobalHeapHistory(depth, reason, 1);
        collector.OnHeapStats(Ephemeral);

        Assert.Null(collector.GcIndex);
        Assert.Null(collector.Result);
    }

    [Fact]
    public void Result_HeapStatsWithoutGlobalHistory_IsNotComplete()
    {
        var collector = new InducedGcCollector();

        collector.OnGcStart(202, 2, Blocking, Induced);
        collector.OnHeapStats(AfterFullGc);

        Assert.Equal(202, collector.GcIndex);
        Assert.Null(collector.Result);
    }

    [Fact]
    public void OnGlobalHeapHistory_OfAnEphemeralGcAfterTheInducedStart_IsNotItsHeapCount()
    {
        var collector = new InducedGcCollector();

        collector.OnGcStart(202, 2, Blocking, Induced);
        collector.OnGlobalHeapHistory(0, AllocSmall, 5);
        collector.OnGlobalHeapHistory(2, Induced, 2);
        collector.OnHeapStats(AfterFullGc);

        Assert.Equal(2, collector.Result?.HeapCount);
    }
}
