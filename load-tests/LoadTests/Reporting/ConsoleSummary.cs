using Spectre.Console;

namespace LoadTests.Reporting;

/// <summary>The final tables printed after a run: per group and version, then the checks and the verdict.</summary>
internal static class ConsoleSummary
{
    public static void Write(IAnsiConsole console, RunReport r)
    {
        var t = r.Totals;
        console.WriteLine();
        console.WriteLine($"{r.Scenario}: {r.Simulation.Description}");
        console.WriteLine($"ran {r.DurationSeconds:0.00} s ({r.EndReason}); {t.Requests} requests, {t.RequestsPerSecond:0.0} req/s; {t.UsersStarted} users; errors {t.ErrorRequests} ({Format.Pct(t.ErrorPercent)}): {Format.Errors(t.ErrorsByKind)}");
        console.WriteLine($"latency (all): {Format.Latency(t.Latency)}");

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "group", "version", "requests", "% requests", "users", "% users", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "group" or "version" ? Justify.Left : Justify.Right });
        }

        foreach (var g in r.Groups)
        {
            foreach (var v in g.Versions)
            {
                var l = v.Latency;
                table.AddRow(Markup.Escape(g.Name), Markup.Escape(v.Version), v.Requests.ToString(), Format.Pct(v.RequestSharePercent), v.Users.ToString(), Format.Pct(v.UserSharePercent), Format.Ms(l.P50Ms), Format.Ms(l.P90Ms), Format.Ms(l.P99Ms), Format.Ms(l.P999Ms), Format.Ms(l.MaxMs));
            }

            var a = g.Latency;
            table.AddRow(Markup.Escape(g.Name), "[bold]all[/]", g.Requests.ToString(), "", g.UsersStarted.ToString(), r.Rollout is null ? $"{g.StickinessViolations} sticky viol." : $"{g.StickinessViolations} saw 2 versions", Format.Ms(a.P50Ms), Format.Ms(a.P90Ms), Format.Ms(a.P99Ms), Format.Ms(a.P999Ms), Format.Ms(a.MaxMs));
        }

        console.Write(table);
        if (r.Rollout is { } rollout)
        {
            RolloutConsole.Write(console, rollout);
        }

        WriteChecks(console, r.Checks.Select(c => (c.Name, c.Passed, c.Detail)));
        console.MarkupLine(r.Passed ? $"[green bold]PASSED[/] {Markup.Escape(r.Scenario)}" : $"[red bold]FAILED[/] {Markup.Escape(r.Scenario)}: {Markup.Escape(string.Join("; ", r.Checks.Where(c => !c.Passed).Select(c => c.Name)))}");
    }

    public static void WriteChecks(IAnsiConsole console, IEnumerable<(string Name, bool Passed, string Detail)> checks)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("check");
        table.AddColumn("result");
        table.AddColumn("detail");
        foreach (var (name, passed, detail) in checks)
        {
            table.AddRow(Markup.Escape(name), passed ? "[green]pass[/]" : "[red bold]FAIL[/]", Markup.Escape(detail));
        }

        console.Write(table);
    }
}
