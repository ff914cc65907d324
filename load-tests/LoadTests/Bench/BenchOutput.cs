using System.Text;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Bench;

/// <summary>The bench's final tables on the console, and <c>bench.json</c> / <c>bench.md</c>.</summary>
internal static class BenchOutput
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        console.WriteLine();
        console.WriteLine($"bench: {report.Engine}; warm-up {report.WarmupSeconds:0} s per target, {report.RoundCount} rounds × {report.RoundSeconds:0} s; {report.Machine}");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "target", "req/s (median)", "req/s min–max", "p50 ms", "p99 ms", "server CPU µs/req", "server peak RSS MiB", "errors" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "target" ? Justify.Left : Justify.Right });
        }

        foreach (var s in report.Summary)
        {
            table.AddRow(
                Markup.Escape(s.Target),
                $"{s.MedianRps:0}",
                $"{s.MinRps:0}–{s.MaxRps:0}",
                Format.Ms(s.MedianP50Ms),
                Format.Ms(s.MedianP99Ms),
                s.MedianCpuMicrosPerRequest is { } cpu ? $"{cpu:0}" : "",
                s.PeakRssKiB is { } rss ? $"{rss / 1024.0:0.0}" : "",
                s.Errors.ToString());
        }

        console.Write(table);

        var ratios = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "ratio", "req/s", "p50", "p99", "CPU/req" })
        {
            ratios.AddColumn(new TableColumn(column) { Alignment = column == "ratio" ? Justify.Left : Justify.Right });
        }

        foreach (var r in report.Ratios)
        {
            ratios.AddRow(Markup.Escape(r.Name), $"{r.Rps:0.00}", $"{r.P50:0.00}", $"{r.P99:0.00}", r.CpuPerRequest is { } c ? $"{c:0.00}" : "");
        }

        console.Write(ratios);
        var m = report.Memory;
        console.WriteLine($"gateway memory: {m.GatewayIdleRssKiB / 1024.0:0.0} MiB after start, peak {m.GatewayPeakRssUnderLoadKiB / 1024.0:0.0} MiB sampled under load, VmHWM {m.GatewayVmHwmKiB / 1024.0:0.0} MiB"
            + (m.NginxPeakRssKiB is { } n ? $"; nginx (master + workers) peak {n / 1024.0:0.0} MiB" : "")
            + (m.NginxTlsPeakRssKiB is { } t ? $"; TLS nginx peak {t / 1024.0:0.0} MiB" : ""));
        foreach (var note in report.Notes)
        {
            console.WriteLine($"note: {note}");
        }

        console.MarkupLine(report.Passed ? "[green bold]bench PASSED[/] (every target answered, errors ≤ 0.1 %)" : "[red bold]bench FAILED[/]: a target had no answers or more than 0.1 % errors");
    }

    public static string Markdown(BenchReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Tool} bench: {(report.Passed ? "PASSED" : "FAILED")}");
        md.AppendLine();
        md.AppendLine($"- Started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC on {report.Machine}");
        md.AppendLine($"- Engine: {report.Engine}; warm-up {report.WarmupSeconds:0} s per target; {report.RoundCount} rounds × {report.RoundSeconds:0} s");
        md.AppendLine($"- Command: `{report.CommandLine}`");
        md.AppendLine();
        md.AppendLine("| Target | req/s (median) | req/s min–max | p50 ms | p99 ms | server CPU µs/req | server peak RSS MiB | errors |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in report.Summary)
        {
            md.AppendLine($"| {s.Target} | {s.MedianRps:0} | {s.MinRps:0}–{s.MaxRps:0} | {Format.Ms(s.MedianP50Ms)} | {Format.Ms(s.MedianP99Ms)} | {(s.MedianCpuMicrosPerRequest is { } c ? $"{c:0}" : "")} | {(s.PeakRssKiB is { } r ? $"{r / 1024.0:0.0}" : "")} | {s.Errors} |");
        }

        md.AppendLine();
        md.AppendLine("| Ratio | req/s | p50 | p99 | CPU/req |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in report.Ratios)
        {
            md.AppendLine($"| {r.Name} | {r.Rps:0.00} | {r.P50:0.00} | {r.P99:0.00} | {(r.CpuPerRequest is { } c ? $"{c:0.00}" : "")} |");
        }

        var m = report.Memory;
        md.AppendLine();
        md.AppendLine($"Gateway memory: {m.GatewayIdleRssKiB / 1024.0:0.0} MiB after start, {m.GatewayPeakRssUnderLoadKiB / 1024.0:0.0} MiB peak sampled under load, VmHWM {m.GatewayVmHwmKiB / 1024.0:0.0} MiB."
            + (m.NginxPeakRssKiB is { } n ? $" nginx (master + workers): {n / 1024.0:0.0} MiB peak." : "")
            + (m.NginxTlsPeakRssKiB is { } t ? $" TLS nginx (master + workers): {t / 1024.0:0.0} MiB peak." : ""));
        md.AppendLine();
        foreach (var note in report.Notes)
        {
            md.AppendLine($"- {note}");
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine();
        }

        md.AppendLine("## Rounds");
        md.AppendLine();
        md.AppendLine("| Round | Target | req/s | p50 ms | p90 ms | p99 ms | max ms | CPU µs/req | errors |");
        md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in report.Rounds)
        {
            md.AppendLine($"| {r.Round} | {r.Target} | {r.RequestsPerSecond:0} | {Format.Ms(r.P50Ms)} | {Format.Ms(r.P90Ms)} | {Format.Ms(r.P99Ms)} | {Format.Ms(r.MaxMs)} | {(r.CpuMicrosPerRequest is { } c ? $"{c:0}" : "")} | {r.Errors}{(r.ErrorDetail.Length > 0 ? $" ({r.ErrorDetail})" : "")} |");
        }

        return md.ToString();
    }
}
