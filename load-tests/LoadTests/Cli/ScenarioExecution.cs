using LoadTests.Http;
using LoadTests.Reporting;
using LoadTests.Scenarios;
using LoadTests.Verdicts;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>Runs one scenario end to end: live progress, the figures, the verdict, the final tables and the report folder.</summary>
internal static class ScenarioExecution
{
    public static async Task<int> RunAsync(
        IAnsiConsole console,
        ScenarioDefinition scenario,
        TargetSettings target,
        LoadSimulation simulation,
        VerdictSettings verdict,
        string? reportDirectory,
        bool live,
        string commandLine,
        CancellationToken cancellationToken)
    {
        console.WriteLine($"{scenario.Name}: {scenario.Description}");
        console.WriteLine($"target {target.Url}" + (target.Host is { } host ? $" (Host {host})" : "") + (target.Resolve.Count > 0 ? $", resolve {string.Join(", ", target.Resolve)}" : "") + $"; {simulation.Describe()}");

        var runner = new ScenarioRunner(scenario, target, simulation);
        var result = await LiveProgress.ShowAsync(console, live, scenario.Name, window => runner.Statistics.Snapshot(runner.Elapsed, window), runner.RunAsync(cancellationToken));

        var report = VerdictEvaluator.Evaluate(ReportBuilder.Build(scenario, target, simulation, result, commandLine), verdict);
        ConsoleSummary.Write(console, report);
        var directory = ReportFolder.Write(report, reportDirectory ?? ReportFolder.Default(result.StartedAt, scenario.Name));
        console.WriteLine($"report: {directory}{Path.DirectorySeparatorChar}report.html (and report.json, report.md, *.png)");

        if (result.EndReason == "interrupted")
        {
            return ExitCodes.Interrupted;
        }

        return report.Passed ? ExitCodes.Passed : ExitCodes.Failed;
    }
}
