using LoadTests.Diagnostics;
using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

/// <summary>The watcher against this test process: real samples, a scripted request counter.</summary>
public sealed class SoakWatcherTests
{
    [Fact]
    public async Task RunAsync_ThisProcess_OneRowPerOffsetWithTheRateBetweenThem()
    {
        var counts = new Queue<double?>([0, 100, 300]);
        var watcher = new SoakWatcher(new GcSampler(), _ => Task.FromResult(counts.Dequeue()));
        var schedule = SampleSchedule.Create("1,2", TimeSpan.FromSeconds(1.2), out _)!;
        var seen = new List<SoakRow>();

        var (rows, error) = await watcher.RunAsync(Environment.ProcessId, schedule, readCounters: false, seen.Add, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows, seen);
        Assert.Equal([1, 2], rows.Select(row => row.Minute));
        Assert.True(rows[0].Elapsed >= TimeSpan.FromSeconds(0.6), $"first sample at {rows[0].Elapsed}, before its offset");
        Assert.True(rows[1].Elapsed >= TimeSpan.FromSeconds(1.2), $"second sample at {rows[1].Elapsed}, before its offset");
        // 100 requests from the start to the first sample; 200 more between the two samples.
        Assert.InRange(rows[0].RequestsPerSecond!.Value, 100 / rows[0].Elapsed.TotalSeconds, 100 / 0.5);
        Assert.Equal(200 / (rows[1].Elapsed - rows[0].Elapsed).TotalSeconds, rows[1].RequestsPerSecond!.Value, 6);
        Assert.All(rows, row => Assert.Equal(Environment.ProcessId, row.Sample.Pid));
    }

    [Fact]
    public async Task RunAsync_ProcessGone_StopsWithoutRows()
    {
        var watcher = new SoakWatcher(new GcSampler(), _ => Task.FromResult<double?>(null));
        var schedule = SampleSchedule.Create("1", TimeSpan.FromSeconds(30), out _)!;

        var (rows, error) = await watcher.RunAsync(int.MaxValue, schedule, readCounters: false, _ => { }, CancellationToken.None);

        Assert.Empty(rows);
        Assert.Contains("exited", error, StringComparison.Ordinal);
    }
}
