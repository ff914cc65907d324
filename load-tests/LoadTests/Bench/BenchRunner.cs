using Spectre.Console;

namespace LoadTests.Bench;

/// <summary>
/// Warms every target up, then measures them in alternating rounds (the order rotates each round, so no target always
/// runs right after another), sampling the server's memory and CPU while it is measured. HTTP/1.1 targets go to
/// <paramref name="engine"/>, HTTP/2 ones to <paramref name="h2Engine"/> (none without h2load: those targets are left out).
/// </summary>
internal sealed class BenchRunner(BenchSettings settings, IBenchEngine engine, IBenchEngine? h2Engine, IAnsiConsole console)
{
    public async Task<(IReadOnlyList<RoundResult> Rounds, BenchMemory Memory)> RunAsync(BenchTopology topology, CancellationToken cancellationToken)
    {
        var targets = Targets(topology);
        console.WriteLine($"bench: engine {engine.Description}" + (h2Engine is null ? "" : $"; HTTP/2: {h2Engine.Description}"));
        console.WriteLine($"bench: targets {string.Join(", ", targets.Select(t => t.Name))}");
        if (settings.MeasuresTls)
        {
            console.WriteLine("bench: TLS: every connection is kept alive for the whole round, so each pays one handshake and the figures are the cost of encrypting and decrypting, not of handshakes");
        }

        foreach (var target in targets)
        {
            console.WriteLine($"bench: warm-up {target.Name} for {settings.Warmup.TotalSeconds:0} s");
            var warm = await EngineFor(target).RunAsync(target, 0, settings.Warmup, cancellationToken);
            console.WriteLine($"         {warm.RequestsPerSecond:0} req/s, p50 {warm.P50Ms:0.00} ms, p99 {warm.P99Ms:0.00} ms, errors {warm.Errors}"
                + (warm.Negotiated is { } negotiated ? $"; negotiated {negotiated}" : ""));
        }

        var results = new List<RoundResult>();
        long gatewayPeak = 0, nginxPeak = 0, nginxTlsPeak = 0;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[(i + round - 1) % targets.Count];
                var pids = target.Server switch
                {
                    "gateway" => [topology.Gateway.Id],
                    "nginx" => topology.NginxProcessIds(),
                    "nginx-tls" => topology.NginxTlsProcessIds(),
                    "yarp" => [topology.BareYarp.Id],
                    _ => Array.Empty<int>(),
                };
                var (result, peak) = await MeasureAsync(target, round, pids, cancellationToken);
                results.Add(result);
                if (target.Server == "gateway")
                {
                    gatewayPeak = Math.Max(gatewayPeak, peak);
                }
                else if (target.Server == "nginx")
                {
                    nginxPeak = Math.Max(nginxPeak, peak);
                }
                else if (target.Server == "nginx-tls")
                {
                    nginxTlsPeak = Math.Max(nginxTlsPeak, peak);
                }

                console.WriteLine($"bench: round {round}/{settings.Rounds} {target.Name,-22} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50Ms,6:0.00} ms  p99 {result.P99Ms,6:0.00} ms"
                    + (result.CpuMicrosPerRequest is { } cpu ? $"  cpu {cpu,5:0} µs/req" : "") + (result.PeakRssKiB is { } rss ? $"  rss {rss / 1024.0,6:0.0} MiB" : "") + $"  errors {result.Errors}");
            }
        }

        var memory = new BenchMemory(
            topology.GatewayIdleRssKiB,
            gatewayPeak,
            ProcStats.Memory(topology.Gateway.Id).PeakKiB,
            topology.Nginx is null ? null : nginxPeak,
            topology.NginxTls is null ? null : nginxTlsPeak);
        return (results, memory);
    }

    private List<BenchTarget> Targets(BenchTopology topology)
    {
        var targets = settings.MeasuresPlain ? PlainTargets(topology) : [];
        if (topology.GatewayHttpsUrl is { } gateway && topology.BareYarpHttpsUrl is { } bareYarp)
        {
            // Returning users only: the new-user path differs from it by the Set-Cookie, which TLS does not change.
            targets.Add(new BenchTarget("gateway · https h1", "gateway", true, gateway, topology.Gateway.Id));
            if (topology.NginxTls is { } nginx)
            {
                targets.Add(new BenchTarget("nginx · https h1", "nginx-tls", true, topology.NginxTlsUrl, nginx.Id));
            }

            targets.Add(new BenchTarget("bare yarp · https h1", "yarp", true, bareYarp, topology.BareYarp.Id));
            if (h2Engine is not null)
            {
                targets.Add(new BenchTarget("gateway · h2", "gateway", true, gateway, topology.Gateway.Id, Http2: true));
                if (topology.NginxTls is { } nginxH2)
                {
                    targets.Add(new BenchTarget("nginx · h2", "nginx-tls", true, topology.NginxTlsUrl, nginxH2.Id, Http2: true));
                }

                targets.Add(new BenchTarget("bare yarp · h2", "yarp", true, bareYarp, topology.BareYarp.Id, Http2: true));
            }
        }

        return targets;
    }

    private static List<BenchTarget> PlainTargets(BenchTopology topology)
    {
        var targets = new List<BenchTarget> { new("gateway · returning", "gateway", true, topology.GatewayUrl, topology.Gateway.Id) };
        if (topology.Nginx is not null)
        {
            targets.Add(new BenchTarget("nginx · returning", "nginx", true, topology.NginxUrl, topology.Nginx.Id));
        }

        targets.Add(new BenchTarget("gateway · new users", "gateway", false, topology.GatewayUrl, topology.Gateway.Id));
        if (topology.Nginx is not null)
        {
            targets.Add(new BenchTarget("nginx · new users", "nginx", false, topology.NginxUrl, topology.Nginx.Id));
        }

        // The floor: the same pods through YARP alone (no cookie logic, so returning and new users are the same to it).
        targets.Add(new BenchTarget("bare yarp", "yarp", true, topology.BareYarpUrl, topology.BareYarp.Id));
        targets.Add(new BenchTarget("direct · one KubeApp", "direct", true, topology.DirectUrl, null));
        return targets;
    }

    private IBenchEngine EngineFor(BenchTarget target) =>
        target.Http2 ? h2Engine ?? throw new InvalidOperationException($"{target.Name}: no HTTP/2 engine") : engine;

    /// <summary>One round of one target, with the server's CPU per request and its peak resident set (summed over nginx's processes).</summary>
    private async Task<(RoundResult Result, long PeakRssKiB)> MeasureAsync(BenchTarget target, int round, IReadOnlyList<int> pids, CancellationToken cancellationToken)
    {
        var cpuBefore = pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcStats.CpuTime(pid));
        long peak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = pids.Count == 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, pids.Sum(pid => ProcStats.Memory(pid).RssKiB));
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
            result = await EngineFor(target).RunAsync(target, round, settings.RoundDuration, cancellationToken);
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }

        if (pids.Count > 0)
        {
            var cpu = pids.Aggregate(TimeSpan.Zero, (sum, pid) => sum + ProcStats.CpuTime(pid)) - cpuBefore;
            result = result with
            {
                CpuMicrosPerRequest = result.Requests == 0 ? null : cpu.TotalMicroseconds / result.Requests,
                PeakRssKiB = peak,
            };
        }

        // Let sockets in TIME_WAIT and the servers' GC settle between rounds.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return (result, peak);
    }
}
