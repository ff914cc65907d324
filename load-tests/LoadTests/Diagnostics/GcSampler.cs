using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace LoadTests.Diagnostics;

/// <summary>
/// Samples a running .NET process by pid: its working set from /proc, then (optionally) the gc-heap-size and
/// gc-committed counters, then the GC heap right after a full blocking GC and the number of GC heaps. The full GC is induced the way
/// dotnet-gcdump does it: an EventPipe session that enables the runtime's GCHeapCollect keyword makes the runtime
/// collect everything at once (but, without GCHeapDump, walks no heap); the session's GC keyword brings that GC's
/// GCHeapStats (generation sizes) and GCGlobalHeapHistory (NumHeaps).
/// </summary>
/// <param name="eventLog">Where to write every GC event seen (for checking which GC was taken); null: nowhere.</param>
internal sealed class GcSampler(TextWriter? eventLog = null)
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    private static readonly TimeSpan CounterTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GcTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="GcSampleException">The process is gone, has no diagnostics port, or did not report the GC in time.</exception>
    public async Task<GcSample> SampleAsync(int pid, bool readCounters, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.UtcNow;
        var memory = ProcessMemory.Read(pid) ?? throw new GcSampleException($"process {pid}: no VmRSS in /proc/{pid}/status (not running?)");

        var client = new DiagnosticsClient(pid);
        var counters = readCounters ? await ReadCountersAsync(client, pid, cancellationToken) : null;
        var (gcIndex, sizes, heaps) = await InduceFullGcAsync(client, pid, cancellationToken);
        return new GcSample(pid, time, memory, counters?.HeapSize, counters?.Committed, gcIndex, sizes, heaps);
    }

    private static async Task<(long HeapSize, long Committed)?> ReadCountersAsync(DiagnosticsClient client, int pid, CancellationToken cancellationToken)
    {
        long? heapSize = null, committed = null;
        var provider = new EventPipeProvider(RuntimeCounters.EventSourceName, EventLevel.Informational, 0xFFFFFFFF,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        await RunSessionAsync(client, pid, provider, "the gc-heap-size and gc-committed counters", CounterTimeout, (source, done) =>
            source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters" && RuntimeCounters.TryRead(e.PayloadValue(0)) is { } counter)
                {
                    if (counter.Name == RuntimeCounters.HeapSize)
                    {
                        heapSize = counter.Bytes;
                    }
                    else
                    {
                        committed = counter.Bytes;
                    }

                    if (heapSize is not null && committed is not null)
                    {
                        done();
                    }
                }
            }, cancellationToken);
        return heapSize is { } h && committed is { } c ? (h, c) : null;
    }

    private async Task<(int GcIndex, GcGenerationSizes Sizes, int HeapCount)> InduceFullGcAsync(DiagnosticsClient client, int pid, CancellationToken cancellationToken)
    {
        var collector = new InducedGcCollector();
        var provider = new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword);
        await RunSessionAsync(client, pid, provider, "an induced full GC", GcTimeout, (source, done) =>
        {
            source.Clr.GCStart += e =>
            {
                Log($"GCStart count={e.Count} depth={e.Depth} type={e.Type} reason={e.Reason}");
                collector.OnGcStart(e.Count, e.Depth, (int)e.Type, (int)e.Reason);
            };
            source.Clr.GCStop += e => Log($"GCEnd count={e.Count} depth={e.Depth}");
            source.Clr.GCGlobalHeapHistory += e =>
            {
                Log($"GCGlobalHeapHistory condemned={e.CondemnedGeneration} reason={e.Reason} heaps={e.NumHeaps}");
                collector.OnGlobalHeapHistory(e.CondemnedGeneration, (int)e.Reason, e.NumHeaps);
                if (collector.Result is not null)
                {
                    done();
                }
            };
            source.Clr.GCHeapStats += e =>
            {
                var sizes = new GcGenerationSizes(e.GenerationSize0, e.GenerationSize1, e.GenerationSize2, e.GenerationSize3, e.GenerationSize4);
                Log($"GCHeapStats {sizes} total={sizes.Total}");
                collector.OnHeapStats(sizes);
                if (collector.Result is not null)
                {
                    done();
                }
            };
        }, cancellationToken);
        return collector.Result ?? throw new GcSampleException($"process {pid}: the session ended before the induced GC was reported");
    }

    private static async Task RunSessionAsync(
        DiagnosticsClient client,
        int pid,
        EventPipeProvider provider,
        string what,
        TimeSpan timeout,
        Action<EventPipeEventSource, Action> subscribe,
        CancellationToken cancellationToken)
    {
        EventPipeSession session;
        try
        {
            session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 64, cancellationToken);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or ServerErrorException)
        {
            throw new GcSampleException($"process {pid}: no .NET diagnostics port to talk to ({ex.Message})", ex);
        }

        using (session)
        {
            var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var processing = Task.Run(() =>
            {
                using var source = new EventPipeEventSource(session.EventStream);
                subscribe(source, () => completed.TrySetResult());
                source.Process();
            }, CancellationToken.None);
            try
            {
                await Task.WhenAny(completed.Task, processing).WaitAsync(timeout, cancellationToken);
                if (!completed.Task.IsCompleted)
                {
                    var reason = processing.Exception?.GetBaseException().Message ?? "it ended";
                    throw new GcSampleException($"process {pid}: the event stream ended before {what} was seen ({reason})", processing.Exception);
                }
            }
            catch (TimeoutException ex)
            {
                throw new GcSampleException($"process {pid}: no {what} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", ex);
            }
            finally
            {
                await StopAsync(session, processing);
            }
        }
    }

    // Stopping the session ends the stream, which ends Process(). The process may have exited meanwhile: nothing to stop.
    private static async Task StopAsync(EventPipeSession session, Task processing)
    {
        try
        {
            await session.StopAsync(CancellationToken.None).WaitAsync(StopTimeout);
            await processing.WaitAsync(StopTimeout);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or TimeoutException or IOException or EndOfStreamException or ObjectDisposedException)
        {
        }
    }

    private void Log(string message) => eventLog?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message}"));
}
