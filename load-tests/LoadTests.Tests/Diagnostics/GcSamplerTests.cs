using System.Runtime;
using LoadTests.Diagnostics;

namespace LoadTests.Tests.Diagnostics;

/// <summary>The sampler against a real runtime: this test process, through its own diagnostics port.</summary>
public sealed class GcSamplerTests
{
    private const int LiveBytes = 64 * 1024 * 1024;

    [Fact]
    public async Task SampleAsync_ThisProcess_InducesAFullGcThatKeepsTheLiveObjects()
    {
        var live = new byte[LiveBytes];
        Array.Fill(live, (byte)1);
        var fullGcsBefore = GC.CollectionCount(2);

        var sample = await new GcSampler().SampleAsync(Environment.ProcessId, readCounters: true, CancellationToken.None);

        Assert.True(GC.CollectionCount(2) > fullGcsBefore, "no full GC ran");
        Assert.True(sample.GcIndex > 0);
        // The array lives on the large object heap; the heap after the GC holds it and this process's other objects.
        Assert.InRange(sample.Generations.Loh, LiveBytes, long.MaxValue);
        Assert.InRange(sample.HeapAfterFullGcBytes, LiveBytes, sample.RssBytes);
        Assert.InRange(sample.HeapCounterBytes ?? 0, LiveBytes, long.MaxValue);
        Assert.NotNull(sample.CommittedBytes);
        if (GCSettings.IsServerGC)
        {
            Assert.InRange(sample.HeapCount, 1, Environment.ProcessorCount);
        }
        else
        {
            Assert.Equal(1, sample.HeapCount);
        }

        GC.KeepAlive(live);
    }

    [Fact]
    public async Task SampleAsync_Twice_CommittedCounterReportsTheLastGc()
    {
        var live = new byte[LiveBytes];
        Array.Fill(live, (byte)1);

        // gc-committed is GC.GetGCMemoryInfo()'s figure: as of the last GC, which the first sample's full GC is.
        await new GcSampler().SampleAsync(Environment.ProcessId, readCounters: false, CancellationToken.None);
        var sample = await new GcSampler().SampleAsync(Environment.ProcessId, readCounters: true, CancellationToken.None);

        Assert.InRange(sample.CommittedBytes ?? 0, LiveBytes, long.MaxValue);
        GC.KeepAlive(live);
    }

    [Fact]
    public async Task SampleAsync_WithoutCounters_LeavesThemOut()
    {
        var sample = await new GcSampler().SampleAsync(Environment.ProcessId, readCounters: false, CancellationToken.None);

        Assert.Null(sample.HeapCounterBytes);
        Assert.Null(sample.CommittedBytes);
        Assert.True(sample.HeapAfterFullGcBytes > 0);
    }

    [Fact]
    public async Task SampleAsync_NoSuchProcess_SaysSo()
    {
        var error = await Assert.ThrowsAsync<GcSampleException>(() => new GcSampler().SampleAsync(int.MaxValue, readCounters: true, CancellationToken.None));

        Assert.Contains("not running", error.Message, StringComparison.Ordinal);
    }
}
