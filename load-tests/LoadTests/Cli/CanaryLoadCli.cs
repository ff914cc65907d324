using System.CommandLine;
using LoadTests.Bench;
using LoadTests.Diagnostics;
using LoadTests.Growth;
using LoadTests.Soak;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>
/// The <c>canary-load</c> command line: <c>split</c>, <c>force</c>, <c>host</c> (scenarios against any URL),
/// <c>rollout</c> (users through a whole rollout, judged against the gateway's <c>GET /rollout</c>),
/// <c>smoke</c> (the same against an in-process topology), <c>bench</c> (gateway vs nginx), <c>growth</c> (cost with
/// many endpoints and many users), <c>convergence</c>, <c>gc-sample</c> and <c>soak-watch</c> (memory of a running
/// gateway). Exit codes: see
/// <see cref="ExitCodes"/>.
/// </summary>
public static class CanaryLoadCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="output">Where to write (default: the console); tests capture it.</param>
    /// <param name="handleSignals">Turn Ctrl+C / SIGTERM into cancellation, so runs stop cleanly and the bench stops what it started.</param>
    /// <param name="cancellationToken">Stops the run, like Ctrl+C.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, bool handleSignals = false, CancellationToken cancellationToken = default)
    {
        var writer = output ?? Console.Out;
        var console = ConsoleFactory.Create(writer);
        var commandLine = "canary-load " + string.Join(' ', args.Select(Quote));
        var root = new RootCommand("canary-load: load-tests the canary gateway's version split — does the expected share of users get the canary, does each one stay there, and what does it cost in latency?")
        {
            ScenarioCommands.Split(console, commandLine),
            ScenarioCommands.Force(console, commandLine),
            ScenarioCommands.Host(console, commandLine),
            RolloutCommand.Create(console, commandLine),
            SmokeCommand.Create(console, commandLine),
            BenchCommand.Create(console, commandLine),
            GrowthCommand.Create(console, commandLine),
            ConvergenceCommand.Create(console),
            GcSampleCommand.Create(console),
            SoakWatchCommand.Create(console, commandLine),
        };

        var parse = root.Parse(args);
        var error = output ?? Console.Error;
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"canary-load: {e.Message}");
            }

            await error.WriteLineAsync("Run 'canary-load --help' (or 'canary-load <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = writer,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // With signals handled, Ctrl+C cancels the token and waits this long for reports and cleanup.
            ProcessTerminationTimeout = handleSignals ? TimeSpan.FromSeconds(20) : null,
        };

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"canary-load: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || handleSignals)
        {
            await error.WriteLineAsync("canary-load: interrupted");
            return ExitCodes.Interrupted;
        }
    }

    private static string Quote(string arg) => arg.Length > 0 && !arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or ';' or '&' or '|') ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
