using System.Globalization;
using Spectre.Console;

namespace LoadTests.Reporting;

/// <summary>The rollout's lines in the final console summary: the steps with their verdicts and how the rollout ended.</summary>
internal static class RolloutConsole
{
    public static void Write(IAnsiConsole console, RolloutReport r)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("weight steps polled from GET /rollout, and the canary share of users new in each");
        foreach (var column in new[] { "step", "weight", "phases", "judged (s)", "new users", "on canary", "observed", "accepted", "result" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column is "phases" or "result" ? Justify.Left : Justify.Right });
        }

        foreach (var s in r.Steps)
        {
            table.AddRow(
                s.Index.ToString(CultureInfo.InvariantCulture),
                I($"{s.Weight:0.##} %"),
                Markup.Escape(s.Phases),
                RolloutHtml.Judged(s),
                s.NewUsers.ToString(CultureInfo.InvariantCulture),
                s.CanaryUsers.ToString(CultureInfo.InvariantCulture),
                s.Share is { } c ? I($"{c.ObservedPercent:0.###} %") : "",
                s.Share is { } d ? I($"{d.LowPercent:0.###} … {d.HighPercent:0.###} %") : "",
                s.Verdict == "fail" ? "[red bold]FAIL[/]" : s.Verdict == "pass" ? "[green]pass[/]" : "not judged");
        }

        console.Write(table);
        console.WriteLine($"rollout: {r.Outcome}");
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
