using System.CommandLine;
using LoadTests.Http;
using LoadTests.Reporting;
using LoadTests.Scenarios;
using LoadTests.Topology;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>
/// <c>smoke</c>: starts the topology in this process (3 stable KubeApps and 1 canary on 127.4.x.x:8080, the real
/// gateway on 127.0.0.1) and runs scenarios against it with Host foo.bar, expecting the configured weight.
/// </summary>
internal static class SmokeCommand
{
    /// <summary>Short by default: 200 users over 2 s, each making 20 requests at 10/s (so each returns for 2 s).</summary>
    public static LoadSimulation Defaults { get; } = new()
    {
        Users = 200,
        ArrivalRate = 100,
        RequestsPerUser = 20,
        UserRate = 10,
        MaxActiveUsers = 500,
        Duration = TimeSpan.FromSeconds(60),
    };

    public static Command Create(IAnsiConsole console, string commandLine)
    {
        var command = new Command("smoke", "Start the topology in-process (3 stable KubeApps + 1 canary on 127.4.x.x:8080, the gateway on 127.0.0.1) and run scenarios against it; --expect-canary defaults to --weight.");
        var weight = OptionFactory.Create("--weight", 25.0, "Gateway:Canary:Weight of the in-process gateway.", "percent");
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "Scenarios to run, in order (repeatable): split, force, host.",
            DefaultValueFactory = _ => [ScenarioCatalog.Split, ScenarioCatalog.Force, ScenarioCatalog.Host],
            HelpName = "name",
        };
        scenarios.AcceptOnlyFromAmong(ScenarioCatalog.Split, ScenarioCatalog.Force, ScenarioCatalog.Host);
        var warmup = OptionFactory.Duration("--warmup", TimeSpan.Zero, "Closed-loop load (64 users) before the scenarios, not counted: a freshly started gateway runs unoptimised (tier-0 JIT) code for its first seconds.");
        var load = new LoadOptions(Defaults);
        var verdict = new VerdictOptions();
        var output = new OutputOptions();
        command.Add(weight);
        command.Add(scenarios);
        command.Add(warmup);
        load.AddTo(command);
        verdict.AddTo(command);
        output.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var simulation = load.Bind(parse);
            var gatewayWeight = parse.GetValue(weight);
            var verdictSettings = verdict.Bind(parse);
            verdictSettings = verdictSettings with { ExpectCanaryPercent = verdictSettings.ExpectCanaryPercent ?? gatewayWeight };
            var reportRoot = output.Report(parse) ?? ReportFolder.Default(DateTimeOffset.UtcNow, "smoke");

            console.WriteLine($"smoke: starting 3 stable + 1 canary KubeApps on 127.{LoopbackAddresses.SmokeRange}.x.x:{InProcessTopology.PodPort} and the gateway (weight {gatewayWeight} %)");
            await using var topology = await InProcessTopology.StartAsync(LoopbackAddresses.SmokeRange, gatewayWeight);
            console.WriteLine($"smoke: gateway {topology.GatewayUrl} → stable {string.Join(" ", topology.StableUrls)}, canary {string.Join(" ", topology.CanaryUrls)}");

            var exitCode = ExitCodes.Passed;
            var target = new TargetSettings { Url = topology.GatewayUrl, Host = "foo.bar" };
            if (parse.GetValue(warmup) is var warm && warm > TimeSpan.Zero)
            {
                await WarmUpAsync(console, target, warm, cancellationToken);
            }
            foreach (var name in (parse.GetValue(scenarios) ?? []).Distinct())
            {
                var scenario = name switch
                {
                    ScenarioCatalog.Force => ScenarioCatalog.ForceScenario("foo.bar", "canary", "X-Canary"),
                    ScenarioCatalog.Host => ScenarioCatalog.HostScenario("foo.bar", "canary.foo.bar"),
                    _ => ScenarioCatalog.SplitScenario("foo.bar"),
                };
                console.WriteLine();
                var code = await ScenarioExecution.RunAsync(console, scenario, target, simulation, verdictSettings, Path.Combine(reportRoot, name), output.Live(parse), commandLine, cancellationToken);
                exitCode = Math.Max(exitCode, code);
                if (code == ExitCodes.Interrupted)
                {
                    break;
                }
            }

            console.WriteLine();
            console.MarkupLine(exitCode == ExitCodes.Passed ? "[green bold]smoke PASSED[/]" : $"[red bold]smoke FAILED[/] (exit code {exitCode})");
            return exitCode;
        });
        return command;
    }

    private static async Task WarmUpAsync(IAnsiConsole console, TargetSettings target, TimeSpan duration, CancellationToken cancellationToken)
    {
        var simulation = new LoadSimulation
        {
            Users = 64,
            ArrivalRate = 0,
            RequestsPerUser = 0,
            UserDuration = duration,
            MaxActiveUsers = 64,
            Duration = duration + TimeSpan.FromSeconds(10),
        };
        var result = await new ScenarioRunner(ScenarioCatalog.SplitScenario(target.Host), target, simulation).RunAsync(cancellationToken);
        var requests = result.Statistics.Groups.Sum(g => g.Requests);
        console.WriteLine($"smoke: warm-up {result.Elapsed.TotalSeconds:0.0} s, {requests} requests ({requests / Math.Max(result.Elapsed.TotalSeconds, 0.001):0} req/s), not counted");
    }
}
