using System.Diagnostics;
using LoadTests.Bench;
using LoadTests.Diagnostics;

namespace LoadTests.Soak;

/// <summary>
/// Watches a process through a soak: at each offset of the schedule it reads the request counter and the process's
/// CPU time, then takes a <see cref="GcSample"/> (which induces a full GC: samples are minutes apart, so the load
/// between them runs undisturbed). Stops early, with the rows it has, when the process is gone.
/// </summary>
/// <param name="sampler">Takes the samples.</param>
/// <param name="requestCount">Requests routed so far (e.g. <c>gateway_requests_total</c> from /metrics); null when unknown.</param>
internal sealed class SoakWatcher(GcSampler sampler, Func<CancellationToken, Task<double?>> requestCount)
{
    private static readonly TimeSpan AliveCheck = TimeSpan.FromSeconds(1);

    /// <summary>The rows taken, and why the watch ended early (null when every sample was taken).</summary>
    public async Task<(IReadOnlyList<SoakRow> Rows, string? Error)> RunAsync(
        int pid, SampleSchedule schedule, bool readCounters, Action<SoakRow> onRow, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<SoakRow>();
        var previousCount = await requestCount(cancellationToken);
        var previousCpu = ProcStats.CpuTime(pid);
        var previousAt = clock.Elapsed;
        for (var i = 0; i < schedule.Offsets.Count; i++)
        {
            while (clock.Elapsed < schedule.Offsets[i])
            {
                if (!Directory.Exists($"/proc/{pid}"))
                {
                    return (rows, $"process {pid} exited after {clock.Elapsed.TotalSeconds:0} s");
                }

                var left = schedule.Offsets[i] - clock.Elapsed;
                await Task.Delay(left < AliveCheck ? left : AliveCheck, cancellationToken);
            }

            var at = clock.Elapsed;
            var count = await requestCount(cancellationToken);
            var cpu = ProcStats.CpuTime(pid);
            GcSample sample;
            try
            {
                sample = await sampler.SampleAsync(pid, readCounters, cancellationToken);
            }
            catch (GcSampleException ex)
            {
                return (rows, ex.Message);
            }

            var row = new SoakRow(schedule.Minutes[i], at, SoakRow.Rate(previousCount, count, at - previousAt), SoakRow.CpuPercentOf(previousCpu, cpu, at - previousAt), sample);
            rows.Add(row);
            onRow(row);
            (previousCount, previousCpu, previousAt) = (count, cpu, at);
        }

        return (rows, null);
    }
}
