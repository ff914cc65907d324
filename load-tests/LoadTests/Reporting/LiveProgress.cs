using LoadTests.Statistics;
using Spectre.Console;

namespace LoadTests.Reporting;

/// <summary>
/// Shows a run's totals while it runs: a Spectre.Console live table on a terminal, or a plain line every few seconds
/// when the output is not a terminal (CI logs) or with <c>--no-live</c>.
/// </summary>
internal static class LiveProgress
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(2);

    /// <summary>Renders until <paramref name="run"/> completes, then returns its result.</summary>
    public static Task<T> ShowAsync<T>(IAnsiConsole console, bool live, string title, Func<TimeSpan, LiveSnapshot> snapshot, Task<T> run) =>
        ShowAsync(console, live, () => title, snapshot, run);

    /// <summary>The same with a title read at every refresh (the rollout shows its phase and weight there).</summary>
    public static async Task<T> ShowAsync<T>(IAnsiConsole console, bool live, Func<string> title, Func<TimeSpan, LiveSnapshot> snapshot, Task<T> run)
    {
        if (live && console.Profile.Capabilities.Interactive)
        {
            await console.Live(Render(title(), snapshot(TimeSpan.Zero))).AutoClear(false).StartAsync(async ctx =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(500));
                    ctx.UpdateTarget(Render(title(), snapshot(RateWindow)));
                }
            });
            return await run;
        }

        var interval = TimeSpan.FromSeconds(2);
        while (!run.IsCompleted)
        {
            if (await Task.WhenAny(run, Task.Delay(interval)) != run)
            {
                console.WriteLine(Line(title(), snapshot(RateWindow)));
            }
        }

        return await run;
    }

    /// <summary>One plain progress line.</summary>
    public static string Line(string title, LiveSnapshot s) =>
        $"[{title}] {s.Elapsed.TotalSeconds,6:0.0} s  users {s.UsersStarted} ({s.UsersStarted - s.UsersFinished} active)  requests {s.Requests} ({s.RecentRps:0} req/s)  "
        + $"canary {Format.Pct(s.CanaryUserSharePercent)} of {s.SplitUsersWithVersion} users, {Format.Pct(s.CanaryRequestSharePercent)} of requests  "
        + $"errors {s.Errors}  stickiness violations {s.StickinessViolations}  forced violations {s.ForcedViolationRequests}";

    private static Table Render(string title, LiveSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
        table.AddColumn("elapsed");
        table.AddColumn("users (active)");
        table.AddColumn("requests");
        table.AddColumn("req/s");
        table.AddColumn("canary users");
        table.AddColumn("canary requests");
        table.AddColumn("errors");
        table.AddColumn("sticky viol.");
        table.AddColumn("forced viol.");
        table.AddRow(
            $"{s.Elapsed.TotalSeconds:0.0} s",
            $"{s.UsersStarted} ({s.UsersStarted - s.UsersFinished})",
            Format.Num(s.Requests),
            $"{s.RecentRps:0}",
            $"{Format.Pct(s.CanaryUserSharePercent)} of {s.SplitUsersWithVersion}",
            Format.Pct(s.CanaryRequestSharePercent),
            s.Errors == 0 ? "0" : $"[red]{s.Errors}[/]",
            s.StickinessViolations == 0 ? "0" : $"[red]{s.StickinessViolations}[/]",
            s.ForcedViolationRequests == 0 ? "0" : $"[red]{s.ForcedViolationRequests}[/]");
        return table;
    }
}
