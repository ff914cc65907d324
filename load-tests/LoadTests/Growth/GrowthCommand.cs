using System.CommandLine;
using LoadTests.Bench;
using LoadTests.Cli;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Growth;

/// <summary>
/// <c>growth</c>: how the gateway's cost grows with the work (issue #15). Three gateways side by side over the same
/// KubeApp processes: 4 endpoints with 100 returning users (the baseline), many endpoints with the same users, and 4
/// endpoints with many distinct users; measured with wrk in alternating rounds; prints the medians and the ratios to
/// the baseline, writes growth.json / growth.md, and stops every process it started — also on Ctrl+C.
/// </summary>
internal static class GrowthCommand
{
    public static Command Create(IAnsiConsole console, string commandLine)
    {
        var command = new Command("growth", "How the gateway's cost grows with the work: per-request CPU, req/s, p99 and memory of a gateway with 4 vs --endpoints static destinations (3 stable + 1 canary KubeApp processes, each listening on many 127.20.x.y:8080 addresses), and with 100 returning vs --users distinct users (a Cookie header of their own each); three Release gateways on 127.0.0.1 from --base-port, wrk in alternating rounds.");
        var repo = new Option<string?>("--repo") { Description = "The checkout (holding Gateway.sln); default: found above the working directory.", HelpName = "dir" };
        var endpoints = OptionFactory.Create("--endpoints", 1000, "Static destinations of the large gateway (a quarter canary).", "n");
        var users = OptionFactory.Create("--users", 100_000, "Distinct users of the many-users gateway.", "n");
        var rounds = OptionFactory.Create("--rounds", 5, "Measured rounds per target (alternating order).", "n");
        var roundDuration = OptionFactory.Duration("--round-duration", TimeSpan.FromSeconds(15), "Length of one measured round.");
        var warmup = OptionFactory.Duration("--warmup", TimeSpan.FromSeconds(10), "Warm-up per target before the rounds (≥ 10 s lets tiered JIT finish).");
        var connections = OptionFactory.Create("--connections", 64, "Keep-alive connections.", "n");
        var threads = OptionFactory.Create("--wrk-threads", 2, "wrk threads.", "n");
        var port = OptionFactory.Create("--base-port", 18600, "First gateway's public port on 127.0.0.1; the three gateways take this port up to this port + 5 (public, management each).", "port");
        var tolerance = OptionFactory.Create("--tolerance", 10.0, "CPU per request and peak RSS ratios up to 1 + this/100 read \"flat\" (for reading only: the exit code counts errors).", "percent");
        var noBuild = OptionFactory.Flag("--no-build", "Use the existing Release builds of src/Gateway and src/KubeApp.");
        var report = new Option<string?>("--report") { Description = "Folder for growth.json and growth.md; default: load-reports/<UTC timestamp>-growth.", HelpName = "dir" };
        foreach (var option in new Option[] { repo, endpoints, users, rounds, roundDuration, warmup, connections, threads, port, tolerance, noBuild, report })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(repo) ?? RepoLocator.Find() ?? throw new UsageException("Gateway.sln not found above the working directory: pass --repo");
            var settings = new GrowthSettings
            {
                RepoRoot = Path.GetFullPath(root),
                Endpoints = parse.GetValue(endpoints),
                Users = parse.GetValue(users),
                Rounds = parse.GetValue(rounds),
                RoundDuration = parse.GetValue(roundDuration),
                Warmup = parse.GetValue(warmup),
                Connections = parse.GetValue(connections),
                WrkThreads = parse.GetValue(threads),
                BasePort = parse.GetValue(port),
                TolerancePercent = parse.GetValue(tolerance),
                Build = !parse.GetValue(noBuild),
            };
            if (settings.Validate() is { } problem)
            {
                throw new UsageException(problem);
            }

            if (settings.Warmup < TimeSpan.FromSeconds(10))
            {
                console.WriteLine($"growth: warning: a warm-up of {settings.Warmup.TotalSeconds:0.#} s may end before tiered JIT has optimised the gateway's hot path");
            }

            var wrk = WrkEngine.Find() ?? throw new UsageException("growth needs wrk (apt-get install wrk)");
            var startedAt = DateTimeOffset.UtcNow;
            var workDirectory = Path.Combine(Path.GetTempPath(), $"canary-load-growth-{Environment.ProcessId}");
            var engine = new GrowthWrk(wrk, settings.Connections, settings.WrkThreads, workDirectory);
            GrowthTopology topology;
            try
            {
                topology = await GrowthTopology.StartAsync(settings, workDirectory, console, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"canary-load growth: {ex.Message}");
                Cleanup(workDirectory);
                return ExitCodes.Usage;
            }

            try
            {
                var layout = topology.Layout.Processes
                    .Select(p => $"KubeApp {p.Name} (version {(p.Canary ? "2.0" : "1.0")}): {p.Addresses.Count} addresses {p.Addresses[0]}–{p.Addresses[^1]}:{PodLayout.Port}")
                    .Prepend($"Gateways: {string.Join("; ", topology.Targets.Select(t => $"{t.Name} on {t.Url}"))}; weight {settings.Weight}; small gateway routes to each KubeApp's first address")
                    .ToArray();
                foreach (var line in layout)
                {
                    console.WriteLine($"growth: {line}");
                }

                var (results, memory) = await new GrowthRunner(settings, engine, console).RunAsync(topology, cancellationToken);
                var summary = GrowthSummarizer.Summarize(results, memory);
                var baseline = GrowthTarget.NameOf(GrowthSettings.SmallEndpoints, UserSet.Returning);
                var tolerancePart = settings.TolerancePercent / 100;
                GrowthRatio?[] ratios =
                [
                    GrowthSummarizer.Ratio(summary, $"endpoints {settings.Endpoints} / {GrowthSettings.SmallEndpoints}", GrowthTarget.NameOf(topology.Layout.Count, UserSet.Returning), baseline, tolerancePart),
                    GrowthSummarizer.Ratio(summary, $"users {settings.Users} / {UserSet.Returning.Count}", GrowthTarget.NameOf(GrowthSettings.SmallEndpoints, UserSet.Distinct(settings.Users)), baseline, tolerancePart),
                ];
                var growthReport = new GrowthReport(
                    ReportBuilder.ToolName,
                    startedAt,
                    commandLine,
                    $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
                    engine.Description,
                    settings.Connections,
                    settings.Warmup.TotalSeconds,
                    settings.RoundDuration.TotalSeconds,
                    settings.Rounds,
                    settings.TolerancePercent,
                    layout,
                    results,
                    summary,
                    [.. ratios.OfType<GrowthRatio>()],
                    GrowthSummarizer.Passed(summary));
                GrowthOutput.Write(console, growthReport);
                var directory = Path.GetFullPath(parse.GetValue(report) ?? ReportFolder.Default(startedAt, "growth"));
                Directory.CreateDirectory(directory);
                await File.WriteAllTextAsync(Path.Combine(directory, "growth.json"), JsonReport.Serialize(growthReport), CancellationToken.None);
                await File.WriteAllTextAsync(Path.Combine(directory, "growth.md"), GrowthOutput.Markdown(growthReport), CancellationToken.None);
                console.WriteLine($"report: {directory}{Path.DirectorySeparatorChar}growth.md (and growth.json)");
                return growthReport.Passed ? ExitCodes.Passed : ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.WriteLine("growth: interrupted; stopping every process it started");
                return ExitCodes.Interrupted;
            }
            catch (InvalidOperationException ex)
            {
                // A routing check or wrk itself failed: nothing worth reporting was measured.
                await Console.Error.WriteLineAsync($"canary-load growth: {ex.Message}");
                return ExitCodes.Failed;
            }
            finally
            {
                await topology.DisposeAsync();
                console.WriteLine("growth: stopped the KubeApps and the gateways");
                Cleanup(workDirectory);
            }
        });
        return command;
    }

    private static void Cleanup(string workDirectory)
    {
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
}
