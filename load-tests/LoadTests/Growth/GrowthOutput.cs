using System.Globalization;
using System.Text;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Growth;

/// <summary>The growth bench's tables on the console, and <c>growth.md</c>.</summary>
internal static class GrowthOutput
{
    private static readonly string[] SummaryColumns = ["target", "req/s (median)", "req/s min–max", "p99 ms", "p99 min–max", "CPU µs/req", "CPU min–max", "RSS MiB idle / peak / after / VmHWM", "sockets after", "errors"];

    private static readonly string[] RatioColumns = ["ratio", "req/s", "p99", "CPU/req", "peak RSS", "RSS after", "flat?"];

    public static void Write(IAnsiConsole console, GrowthReport report)
    {
        console.WriteLine();
        console.WriteLine(Header(report));
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in SummaryColumns)
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "target" ? Justify.Left : Justify.Right });
        }

        foreach (var s in report.Summary)
        {
            table.AddRow(SummaryCells(s).Select(Markup.Escape).ToArray());
        }

        console.Write(table);
        var ratios = new Table().Border(TableBorder.Rounded);
        foreach (var column in RatioColumns)
        {
            ratios.AddColumn(new TableColumn(column) { Alignment = column == "ratio" ? Justify.Left : Justify.Right });
        }

        foreach (var r in report.Ratios)
        {
            ratios.AddRow(RatioCells(r, report.TolerancePercent).Select(Markup.Escape).ToArray());
        }

        console.Write(ratios);
        console.MarkupLine(report.Passed
            ? "[green bold]growth PASSED[/] (every target answered, errors ≤ 0.1 %; \"flat?\" is for reading, not for the exit code)"
            : "[red bold]growth FAILED[/]: a target had no answers or more than 0.1 % errors");
    }

    public static string Markdown(GrowthReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Tool} growth: {(report.Passed ? "PASSED" : "FAILED")}");
        md.AppendLine();
        md.AppendLine($"- Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; {Header(report)}");
        md.AppendLine($"- Command: `{report.CommandLine}`");
        foreach (var line in report.Layout)
        {
            md.AppendLine($"- {line}");
        }

        md.AppendLine();
        Row(md, SummaryColumns);
        Row(md, SummaryColumns.Select((_, i) => i == 0 ? "---" : "---:"));
        foreach (var s in report.Summary)
        {
            Row(md, SummaryCells(s));
        }

        md.AppendLine();
        Row(md, RatioColumns);
        Row(md, RatioColumns.Select((_, i) => i == 0 ? "---" : "---:"));
        foreach (var r in report.Ratios)
        {
            Row(md, RatioCells(r, report.TolerancePercent));
        }

        md.AppendLine();
        md.AppendLine("## Rounds");
        md.AppendLine();
        md.AppendLine("| Round | Target | req/s | p50 ms | p90 ms | p99 ms | max ms | CPU µs/req | peak RSS MiB | errors |");
        md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in report.Rounds)
        {
            md.AppendLine($"| {r.Round} | {r.Target} | {r.RequestsPerSecond:0} | {Format.Ms(r.P50Ms)} | {Format.Ms(r.P90Ms)} | {Format.Ms(r.P99Ms)} | {Format.Ms(r.MaxMs)} | {Cpu(r.CpuMicrosPerRequest)} | {MiB(r.PeakRssKiB)} | {r.Errors}{(r.ErrorDetail.Length > 0 ? $" ({r.ErrorDetail})" : "")} |");
        }

        return md.ToString();
    }

    private static string Header(GrowthReport report) =>
        $"growth: {report.Engine}; warm-up {report.WarmupSeconds:0} s per target, {report.RoundCount} rounds × {report.RoundSeconds:0} s; {report.Machine}";

    private static IEnumerable<string> SummaryCells(GrowthSummary s) =>
    [
        s.Target,
        $"{s.MedianRps:0}",
        $"{s.MinRps:0}–{s.MaxRps:0}",
        Format.Ms(s.MedianP99Ms),
        $"{Format.Ms(s.MinP99Ms)}–{Format.Ms(s.MaxP99Ms)}",
        Cpu(s.MedianCpuMicrosPerRequest),
        s.MinCpuMicrosPerRequest is { } min && s.MaxCpuMicrosPerRequest is { } max ? $"{Cpu(min)}–{Cpu(max)}" : "",
        $"{MiB(s.Memory?.IdleRssKiB)} / {MiB(s.PeakRssKiB)} / {MiB(s.Memory?.AfterRssKiB)} / {MiB(s.Memory?.VmHwmKiB)}",
        s.Memory?.SocketsAfter is { } sockets ? sockets.ToString(CultureInfo.InvariantCulture) : "",
        s.Errors.ToString(CultureInfo.InvariantCulture),
    ];

    private static IEnumerable<string> RatioCells(GrowthRatio r, double tolerancePercent) =>
    [
        r.Name,
        Times(r.Rps),
        Times(r.P99),
        Times(r.CpuPerRequest),
        Times(r.PeakRss),
        Times(r.AfterRss),
        r.Flat switch { true => $"flat (±{tolerancePercent:0.#} %)", false => $"grows (> {tolerancePercent:0.#} %)", null => "" },
    ];

    private static string Times(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Cpu(double? micros) => micros is { } c ? c.ToString(c >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) : "";

    private static string MiB(long? kib) => kib is { } k ? (k / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static void Row(StringBuilder md, IEnumerable<string> cells) => md.AppendLine("| " + string.Join(" | ", cells) + " |");
}
