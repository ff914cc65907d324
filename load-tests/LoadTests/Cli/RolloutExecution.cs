using System.Globalization;
using LoadTests.Http;
using LoadTests.Reporting;
using LoadTests.Rollouts;
using LoadTests.Scenarios;
using LoadTests.Verdicts;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>
/// Runs the rollout scenario: checks that <c>GET /rollout</c> answers, lets users arrive while polling it, stops a
/// <c>--tail</c> after the final phase, once every user was seen after it (or at <c>--duration</c>), then judges,
/// reports and returns the exit code.
/// </summary>
internal static class RolloutExecution
{
    public static async Task<int> RunAsync(
        IAnsiConsole console,
        TargetSettings target,
        LoadSimulation simulation,
        VerdictSettings verdict,
        RolloutSettings rollout,
        string? reportDirectory,
        bool live,
        string commandLine,
        CancellationToken cancellationToken)
    {
        var scenario = ScenarioCatalog.RolloutScenario(target.Host);
        ScenarioExecution.Announce(console, scenario, target, simulation);

        // The management port is reached the way the target is: the same --resolve, --cacert and --insecure.
        using var handler = new UserHandlerFactory(target).Create(cookies: null);
        using var client = new HttpMessageInvoker(handler, disposeHandler: false);
        var poller = new RolloutPoller(client, rollout.RolloutUrl, target.Timeout);
        var (first, error) = await poller.FetchAsync(cancellationToken);
        if (first is null)
        {
            throw new UsageException($"GET {rollout.RolloutUrl}: {error}");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rollout: {first.Describe()}, steps [{string.Join(", ", first.Steps)}]; expecting {RolloutVerdicts.Expected(rollout.Expect)}; polling {rollout.RolloutUrl} every {rollout.PollInterval.TotalSeconds:0.###} s"));
        if (RolloutPhases.IsFinal(first.Phase))
        {
            console.WriteLine($"rollout: {first.Phase} is where an earlier rollout ended; waiting for the next one to start (a new canary revision, or POST /rollout/start)");
        }

        var tracker = new RolloutTracker(target, () => poller.RolledBack);
        var runner = new ScenarioRunner(scenario, target, simulation, tracker);
        using var stop = new CancellationTokenSource();
        using var polling = new CancellationTokenSource();
        double Clock() => runner.Elapsed.TotalSeconds;

        var run = runner.RunAsync(cancellationToken, stop.Token);
        var poll = poller.RunAsync(Clock, rollout.PollInterval, polling.Token);
        var ender = StopAfterTailAsync(poller.Ended, run, tracker, rollout, stop);
        var result = await LiveProgress.ShowAsync(console, live, () => Title(poller), window => runner.Statistics.Snapshot(runner.Elapsed, window), run);
        await polling.CancelAsync();
        await poll;
        await ender;
        // One more poll after the last answer, so that the last stretch is closed by a poll that came after it.
        await poller.PollOnceAsync(Clock, CancellationToken.None);

        var ended = poller.Ended.IsCompletedSuccessfully ? (await poller.Ended).Document : null;
        var gathered = new RolloutRun(rollout, poller.Samples, ended, poller.Latest, tracker.Snapshot(), result.EndReason, simulation.Duration.TotalSeconds);
        var built = ReportBuilder.Build(scenario, target, simulation, result, commandLine);
        var report = RolloutVerdicts.Evaluate(built with { EndReason = EndReason(result, ended, rollout) }, gathered, verdict);
        return ScenarioExecution.Conclude(console, report, result, reportDirectory);
    }

    /// <summary>
    /// Once the rollout reached its final phase, lets the users go on for the tail, and beyond it until every user
    /// active then was seen again later than the change margin after it (or is done), then stops the run. On a loaded
    /// machine a fixed tail can pass before anyone came back, and the final stretch would be judged on nothing: there
    /// the run takes longer instead.
    /// </summary>
    private static async Task StopAfterTailAsync(Task<PollSample> ended, Task run, RolloutTracker tracker, RolloutSettings rollout, CancellationTokenSource stop)
    {
        if (await Task.WhenAny(ended, run) != ended)
        {
            return;
        }

        var seen = SeenAfterAsync(tracker, (await ended).ReceivedAt + rollout.ChangeMargin.TotalSeconds, rollout.ChangeMargin);
        await Task.WhenAny(run, Task.WhenAll(Task.Delay(rollout.Tail, CancellationToken.None), seen));
        await stop.CancelAsync();
    }

    /// <summary>
    /// Every active user seen after <paramref name="since"/>, then the margin again: the stretch the verdicts judge ends
    /// a margin before the last poll, which comes after the run stops, so those answers fall inside it.
    /// </summary>
    private static async Task SeenAfterAsync(RolloutTracker tracker, double since, TimeSpan margin)
    {
        await tracker.SeenAgainAsync(since);
        await Task.Delay(margin, CancellationToken.None);
    }

    private static string Title(RolloutPoller poller) => poller.Latest is { } latest ? $"rollout · {latest.Describe()}" : "rollout";

    private static string EndReason(RunResult result, RolloutDocument? ended, RolloutSettings rollout) => result.EndReason switch
    {
        "stopped" when ended is not null => string.Create(CultureInfo.InvariantCulture, $"rollout {ended.Phase}, then a {rollout.Tail.TotalSeconds:0.###} s tail"),
        "duration cap" => "timed out (--duration) before the rollout ended",
        _ => result.EndReason,
    };
}
