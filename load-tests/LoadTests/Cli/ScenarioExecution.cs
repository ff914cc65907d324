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
        Announce(console, scenario, target, simulation);
        var runner = new ScenarioRunner(scenario, target, simulation);
        var result = await LiveProgress.ShowAsync(console, live, scenario.Name, window => runner.Statistics.Snapshot(runner.Elapsed, window), runner.RunAsync(cancellationToken));

        var report = VerdictEvaluator.Evaluate(ReportBuilder.Build(scenario, target, simulation, result, commandLine), verdict);
        return Conclude(console, report, result, reportDirectory);
    }

    /// <summary>What is about to run, against what.</summary>
    public static void Announce(IAnsiConsole console, ScenarioDefinition scenario, TargetSettings target, LoadSimulation simulation)
    {
        console.WriteLine($"{scenario.Name}: {scenario.Description}");
        console.WriteLine($"target {target.Url}" + (target.Host is { } host ? $" (Host {host})" : "") + (target.Resolve.Count > 0 ? $", resolve {string.Join(", ", target.Resolve)}" : "") + $"; {simulation.Describe()}");
    }

    /// <summary>Prints the summary, writes the report folder, and returns the exit code of a judged run.</summary>
    public static int Conclude(IAnsiConsole console, RunReport report, RunResult result, string? reportDirectory)
    {
        ConsoleSummary.Write(console, report);
        var directory = ReportFolder.Write(report, reportDirectory ?? ReportFolder.Default(result.StartedAt, report.Scenario));
        console.WriteLine($"report: {directory}{Path.DirectorySeparatorChar}report.html (and report.json, report.md, *.png)");

        if (result.EndReason == "interrupted")
        {
            return ExitCodes.Interrupted;
        }

        return report.Passed ? ExitCodes.Passed : ExitCodes.Failed;
    }
}
