using System.CommandLine;
using LoadTests.Cli;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Bench;

/// <summary>
/// <c>bench</c>: the gateway against nginx doing the same job, on this machine, in one run. Starts the topology as
/// Release processes (no app host), measures, prints the table and ratios, writes bench.json / bench.md, and stops
/// every process it started — also on Ctrl+C.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(IAnsiConsole console, string commandLine)
    {
        var command = new Command("bench", "Benchmark the gateway against nginx (shared/bench/nginx-canary.conf), the cost floor (a bare YARP forwarder over the same pods) and a KubeApp directly: 3 stable + 1 canary KubeApp processes on 127.0.0.2–5:8080, the gateway on 127.0.0.1, bare YARP on the gateway port + 2, nginx on 127.0.0.1:18590; returning users (bucket cookies) and new users (none), 64 keep-alive connections. --tls adds HTTPS over HTTP/1.1 (wrk) and HTTP/2 (h2load) at the gateway, bare YARP and nginx (shared/bench/nginx-canary-tls.conf) with one certificate.");
        var repo = new Option<string?>("--repo") { Description = "The checkout (holding Gateway.sln); default: found above the working directory.", HelpName = "dir" };
        var nginxConf = new Option<string?>("--nginx-conf") { Description = "nginx configuration; default: ../shared/bench/nginx-canary.conf beside the checkout.", HelpName = "file" };
        var rounds = OptionFactory.Create("--rounds", 3, "Measured rounds per target (alternating order).", "n");
        var roundDuration = OptionFactory.Duration("--round-duration", TimeSpan.FromSeconds(15), "Length of one measured round.");
        var warmup = OptionFactory.Duration("--warmup", TimeSpan.FromSeconds(10), "Warm-up per target before the rounds (≥ 10 s lets tiered JIT finish).");
        var connections = OptionFactory.Create("--connections", 64, "Keep-alive connections.", "n");
        var engine = OptionFactory.Create("--engine", "auto", "auto (wrk when installed), wrk, or internal (the tool's own closed loop).", "name");
        engine.AcceptOnlyFromAmong("auto", "wrk", "internal");
        var threads = OptionFactory.Create("--wrk-threads", 2, "wrk threads (and h2load's, at most one per connection).", "n");
        var port = OptionFactory.Create("--gateway-port", 18580, "Gateway public port on 127.0.0.1 (management: the next port; bare YARP: the one after).", "port");
        var noBuild = OptionFactory.Flag("--no-build", "Use the existing Release builds of src/Gateway, src/KubeApp and load-tests/BareYarp.");
        var skipNginx = OptionFactory.Flag("--skip-nginx", "Measure without nginx.");
        var tls = OptionFactory.Flag("--tls", "Also measure TLS termination with one ECDSA P-256 certificate: the gateway (HTTPS on the gateway port + 3), bare YARP (+ 4) and nginx (shared/bench/nginx-canary-tls.conf, 127.0.0.1:18592), over HTTP/1.1 (wrk) and HTTP/2 (h2load, apt-get install nghttp2-client).");
        var tlsOnly = OptionFactory.Flag("--tls-only", "Measure only the TLS targets (implies --tls).");
        var nginxTlsConf = new Option<string?>("--nginx-tls-conf") { Description = "nginx TLS configuration; default: ../shared/bench/nginx-canary-tls.conf beside the checkout. It must listen on 127.0.0.1:18592 and read /tmp/nginx-canary-tls/tls.crt and tls.key, which the bench writes.", HelpName = "file" };
        var h2Clients = OptionFactory.Create("--h2-clients", 4, "HTTP/2 connections (h2load -c).", "n");
        var h2Streams = OptionFactory.Create("--h2-streams", 16, "Concurrent streams per HTTP/2 connection (h2load -m).", "n");
        var report = new Option<string?>("--report") { Description = "Folder for bench.json and bench.md; default: load-reports/<UTC timestamp>-bench.", HelpName = "dir" };
        foreach (var option in new Option[] { repo, nginxConf, rounds, roundDuration, warmup, connections, engine, threads, port, noBuild, skipNginx, tls, tlsOnly, nginxTlsConf, h2Clients, h2Streams, report })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(repo) ?? RepoLocator.Find() ?? throw new UsageException("Gateway.sln not found above the working directory: pass --repo");
            var gatewayPort = parse.GetValue(port);
            var settings = new BenchSettings
            {
                RepoRoot = Path.GetFullPath(root),
                NginxConfig = parse.GetValue(nginxConf) is { } conf ? Path.GetFullPath(conf) : RepoLocator.DefaultNginxConfig(root),
                Rounds = parse.GetValue(rounds),
                RoundDuration = parse.GetValue(roundDuration),
                Warmup = parse.GetValue(warmup),
                Connections = parse.GetValue(connections),
                Engine = parse.GetValue(engine)!,
                WrkThreads = parse.GetValue(threads),
                GatewayPort = gatewayPort,
                ManagementPort = gatewayPort + 1,
                BareYarpPort = gatewayPort + 2,
                Build = !parse.GetValue(noBuild),
                SkipNginx = parse.GetValue(skipNginx),
                Tls = parse.GetValue(tls),
                TlsOnly = parse.GetValue(tlsOnly),
                NginxTlsConfig = parse.GetValue(nginxTlsConf) is { } tlsConf ? Path.GetFullPath(tlsConf) : null,
                GatewayHttpsPort = gatewayPort + 3,
                BareYarpHttpsPort = gatewayPort + 4,
                H2Clients = parse.GetValue(h2Clients),
                H2Streams = parse.GetValue(h2Streams),
            };
            if (settings.Problem() is { } problem)
            {
                throw new UsageException(problem);
            }

            if (settings.Warmup < TimeSpan.FromSeconds(10))
            {
                console.WriteLine($"bench: warning: a warm-up of {settings.Warmup.TotalSeconds:0.#} s may end before tiered JIT has optimised the gateway's hot path");
            }

            var wrk = WrkEngine.Find();
            if (settings.Engine == "wrk" && wrk is null)
            {
                throw new UsageException("--engine wrk: wrk is not installed (apt-get install wrk)");
            }

            var startedAt = DateTimeOffset.UtcNow;
            var workDirectory = Path.Combine(Path.GetTempPath(), $"canary-load-bench-{Environment.ProcessId}");
            IBenchEngine benchEngine = settings.Engine != "internal" && wrk is not null
                ? new WrkEngine(wrk, settings.Connections, settings.WrkThreads, workDirectory)
                : new ClosedLoopEngine(settings.Connections);
            H2LoadEngine? h2Engine = null;
            if (settings.MeasuresTls)
            {
                h2Engine = H2LoadEngine.Find() is { } h2load
                    ? new H2LoadEngine(h2load, settings.H2Clients, settings.H2Streams, settings.WrkThreads, workDirectory)
                    : null;
                if (h2Engine is null)
                {
                    console.WriteLine("bench: h2load not installed (apt-get install nghttp2-client): the HTTP/2 targets are left out");
                }
            }

            BenchTopology topology;
            try
            {
                topology = await BenchTopology.StartAsync(settings, console, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"canary-load bench: {ex.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                var (results, memory) = await new BenchRunner(settings, benchEngine, h2Engine, console).RunAsync(topology, cancellationToken);
                var summary = BenchSummarizer.Summarize(results);
                var benchReport = new BenchReport(
                    ReportBuilder.ToolName,
                    startedAt,
                    commandLine,
                    $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
                    benchEngine.Description + (h2Engine is null ? "" : $"; HTTP/2: {h2Engine.Description}"),
                    settings.Connections,
                    settings.Warmup.TotalSeconds,
                    settings.RoundDuration.TotalSeconds,
                    settings.Rounds,
                    results,
                    summary,
                    BenchSummarizer.Ratios(summary),
                    memory,
                    BenchSummarizer.Passed(summary),
                    BenchNotes.For(settings, h2Engine is not null, results));
                BenchOutput.Write(console, benchReport);
                var directory = Path.GetFullPath(parse.GetValue(report) ?? ReportFolder.Default(startedAt, "bench"));
                Directory.CreateDirectory(directory);
                await File.WriteAllTextAsync(Path.Combine(directory, "bench.json"), JsonReport.Serialize(benchReport), CancellationToken.None);
                await File.WriteAllTextAsync(Path.Combine(directory, "bench.md"), BenchOutput.Markdown(benchReport), CancellationToken.None);
                console.WriteLine($"report: {directory}{Path.DirectorySeparatorChar}bench.md (and bench.json)");
                return benchReport.Passed ? ExitCodes.Passed : ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.WriteLine("bench: interrupted; stopping every process it started");
                return ExitCodes.Interrupted;
            }
            finally
            {
                var started = topology.Started;
                await topology.DisposeAsync();
                console.WriteLine($"bench: stopped {started}");
                try
                {
                    Directory.Delete(workDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        });
        return command;
    }
}
