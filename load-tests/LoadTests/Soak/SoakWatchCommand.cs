using System.CommandLine;
using System.Globalization;
using LoadTests.Cli;
using LoadTests.Diagnostics;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Soak;

/// <summary>
/// <c>soak-watch --pid N</c>: samples a gateway through a soak (load-tests/soak.sh runs the load beside it) and
/// prints the table of req/s, CPU, working set, heap after a full GC and heap count; writes soak-memory.md and
/// soak-memory.json to <c>--report</c>. Exit code 1 when the working set went over the limit or sampling failed.
/// </summary>
internal static class SoakWatchCommand
{
    private const string RequestsMetric = "gateway_requests_total";

    public static Command Create(IAnsiConsole console, string commandLine)
    {
        var command = new Command("soak-watch", "Sample a running gateway through a soak at the given minutes: req/s (from its /metrics) and CPU since the last sample, working set, GC heap after an induced full GC, GC heap count; then a table and whether the working set stayed within the limit.");
        var pid = new Option<int>("--pid") { Description = "The gateway's process id.", HelpName = "pid", Required = true };
        var duration = OptionFactory.Duration("--duration", TimeSpan.FromMinutes(20), "The soak's length: a run shorter than the last sample minute scales the minutes down to fit.");
        var minutes = OptionFactory.Create("--at", SampleSchedule.DefaultMinutes, "Sample minutes (of a run as long as the last one), comma-separated.", "minutes");
        var metrics = new Option<string?>("--metrics") { Description = $"The gateway's Prometheus endpoint (e.g. http://127.0.0.1:9090/metrics), for req/s from {RequestsMetric}; without it no req/s.", HelpName = "url" };
        var limit = OptionFactory.Create("--limit-mb", 150.0, "Working-set limit in decimal megabytes (10^6 bytes).", "MB");
        var noCounter = OptionFactory.Flag("--no-counter", "Skip reading the gc-heap-size and gc-committed counters before each full GC.");
        var report = new Option<string?>("--report") { Description = "Folder for soak-memory.md and soak-memory.json.", HelpName = "dir" };
        foreach (var option in new Option[] { pid, duration, minutes, metrics, limit, noCounter, report })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var schedule = SampleSchedule.Create(parse.GetValue(minutes)!, parse.GetValue(duration), out var error) ?? throw new UsageException(error!);
            var writer = console.Profile.Out.Writer;
            var offsets = string.Join(", ", schedule.Offsets.Select(offset => offset.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"));
            await writer.WriteLineAsync($"soak-watch: pid {parse.GetValue(pid)}, samples at {offsets}{(schedule.Scaled ? " (minutes scaled to the run's length)" : "")}");

            Uri? metricsUrl = null;
            if (parse.GetValue(metrics) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out metricsUrl))
            {
                throw new UsageException($"--metrics: '{text}' is not an absolute URL");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var watcher = new SoakWatcher(new GcSampler(), token => RequestCountAsync(http, metricsUrl, token));
            var (rows, failure) = await watcher.RunAsync(parse.GetValue(pid), schedule, !parse.GetValue(noCounter), row => writer.WriteLine(SoakTable.Line(row)), cancellationToken);
            if (failure is not null)
            {
                await Console.Error.WriteLineAsync($"soak-watch: {failure}");
            }

            if (rows.Count == 0)
            {
                return ExitCodes.Failed;
            }

            var summary = SoakSummary.Of(rows, (long)(parse.GetValue(limit) * 1e6));
            var markdown = SoakTable.Markdown(rows, summary);
            await writer.WriteLineAsync();
            await writer.WriteAsync(markdown);
            if (parse.GetValue(report) is { } folder)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "soak-memory.md"), $"# Soak memory\n\n`{commandLine}`\n\n{markdown}", cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder, "soak-memory.json"), JsonReport.Serialize(new
                {
                    rows = rows.Select(row => new { row.Minute, elapsedSeconds = row.Elapsed.TotalSeconds, row.RequestsPerSecond, row.CpuPercent, sample = GcSampleJson.From(row.Sample) }),
                    summary,
                    summary.WithinLimit,
                    failure,
                }), cancellationToken);
                await writer.WriteLineAsync($"soak-watch: wrote {Path.GetFullPath(folder)}/soak-memory.md and soak-memory.json");
            }

            return failure is null && summary.WithinLimit ? ExitCodes.Passed : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task<double?> RequestCountAsync(HttpClient http, Uri? metrics, CancellationToken cancellationToken)
    {
        if (metrics is null)
        {
            return null;
        }

        try
        {
            // The counter has no series until the first request has been routed: an answer without it means 0.
            return PrometheusText.Sum(await http.GetStringAsync(metrics, cancellationToken), RequestsMetric) ?? 0;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // Timed out: this interval has no req/s.
        }
    }
}
