using LoadTests.Bench;
using Spectre.Console;

namespace LoadTests.Growth;

/// <summary>
/// Checks each target's routing, warms each up, then measures them in alternating rounds (the order rotates each
/// round), sampling the measured gateway's CPU and resident set; at the end reads every gateway's memory once more.
/// </summary>
internal sealed class GrowthRunner(GrowthSettings settings, GrowthWrk engine, IAnsiConsole console)
{
    public async Task<(IReadOnlyList<RoundResult> Rounds, IReadOnlyDictionary<string, GrowthMemory> Memory)> RunAsync(GrowthTopology topology, CancellationToken cancellationToken)
    {
        var targets = topology.Targets;
        console.WriteLine($"growth: engine {engine.Description}");
        foreach (var target in targets)
        {
            await RoutingCheck.RunAsync(target, settings.Weight, cancellationToken);
            console.WriteLine($"growth: {target.Name}: {RoutingCheck.SampleSize} sample users answered from the track their bucket names");
        }

        foreach (var target in targets.Where(_ => settings.Warmup > TimeSpan.Zero))
        {
            console.WriteLine($"growth: warm-up {target.Name} for {settings.Warmup.TotalSeconds:0} s");
            var warm = await engine.RunAsync(target, 0, settings.Warmup, Random.Shared.Next(target.Users.Count), cancellationToken);
            console.WriteLine($"         {warm.RequestsPerSecond:0} req/s, p99 {warm.P99Ms:0.00} ms, errors {warm.Errors}");
        }

        var results = new List<RoundResult>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(i + round - 1) % targets.Count];
                var result = await MeasureAsync(target, round, cancellationToken);
                results.Add(result);
                console.WriteLine($"growth: round {round}/{settings.Rounds} {target.Name,-30} {result.RequestsPerSecond,9:0} req/s  p99 {result.P99Ms,6:0.00} ms"
                    + (result.CpuMicrosPerRequest is { } cpu ? $"  cpu {cpu,5:0} µs/req" : "") + (result.PeakRssKiB is { } rss ? $"  rss {rss / 1024.0,6:0.0} MiB" : "") + $"  errors {result.Errors}");
            }
        }

        var memory = targets.ToDictionary(
            t => t.Name,
            t =>
            {
                var (rss, hwm) = ProcStats.Memory(t.Gateway.Id);
                return new GrowthMemory(topology.IdleRssKiB(t), rss, hwm, OpenSockets.Count(t.Gateway.Id));
            });
        return (results, memory);
    }

    /// <summary>One round of one target, with its gateway's CPU per request and the highest resident set sampled meanwhile.</summary>
    private async Task<RoundResult> MeasureAsync(GrowthTarget target, int round, CancellationToken cancellationToken)
    {
        var pid = target.Gateway.Id;
        var cpuBefore = ProcStats.CpuTime(pid);
        long peak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcStats.Memory(pid).RssKiB);
                try
                {
                    await Task.Delay(100, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);

        RoundResult result;
        try
        {
            // Each round starts at a random place in the users, so short rounds do not all send the same ones.
            result = await engine.RunAsync(target, round, settings.RoundDuration, Random.Shared.Next(target.Users.Count), cancellationToken);
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }

        var cpu = ProcStats.CpuTime(pid) - cpuBefore;
        result = result with
        {
            CpuMicrosPerRequest = result.Requests == 0 ? null : cpu.TotalMicroseconds / result.Requests,
            PeakRssKiB = peak,
        };

        // Let sockets in TIME_WAIT and the servers' GC settle between rounds.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return result;
    }
}
