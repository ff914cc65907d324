using System.Globalization;
using System.Text;

namespace LoadTests.Soak;

/// <summary>The soak's samples as text: one progress line per sample, and a Markdown table with the summary.</summary>
internal static class SoakTable
{
    private const double MiB = 1024 * 1024;

    public static string Line(SoakRow row) => string.Create(
        CultureInfo.InvariantCulture,
        $"minute {row.Minute:0.##} (at {At(row.Elapsed)}): {Rps(row.RequestsPerSecond)} req/s, cpu {Percent(row.CpuPercent)}, {row.Sample.Describe()}");

    public static string Markdown(IReadOnlyList<SoakRow> rows, SoakSummary summary, string? title = null)
    {
        var text = new StringBuilder();
        if (title is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        }

        text.Append("| minute | at | req/s | gateway CPU (% of a core) | working set (MiB) | anon / file / shmem (MiB) | GC heap after full GC (MiB) | GC heaps | gc-heap-size before it (MiB) | gc-committed before it (MiB) |\n");
        text.Append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var row in rows)
        {
            var heapCounter = row.Sample.HeapCounterBytes is { } heap ? Mib(heap) : "–";
            var committed = row.Sample.CommittedBytes is { } bytes ? Mib(bytes) : "–";
            text.Append(CultureInfo.InvariantCulture,
                $"| {row.Minute:0.##} | {At(row.Elapsed)} | {Rps(row.RequestsPerSecond)} | {Percent(row.CpuPercent)} | {Mib(row.Sample.RssBytes)} | {Mib(row.Sample.Memory.AnonBytes)} / {Mib(row.Sample.Memory.FileBytes)} / {Mib(row.Sample.Memory.ShmemBytes)} | {Mib(row.Sample.HeapAfterFullGcBytes)} | {row.Sample.HeapCount} | {heapCounter} | {committed} |\n");
        }

        text.Append('\n').Append(Summary(summary)).Append('\n');
        return text.ToString();
    }

    public static string Summary(SoakSummary summary)
    {
        var limit = string.Create(CultureInfo.InvariantCulture, $"{summary.LimitBytes / 1e6:0.#} MB = {summary.LimitBytes / MiB:0.0} MiB");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Working set at most {Mib(summary.MaxRssBytes)} MiB ({summary.MaxRssBytes / 1e6:0.0} MB): {(summary.WithinLimit ? "within" : "OVER")} the limit of {limit}. "
            + $"GC heap after full GC at most {Mib(summary.MaxHeapAfterFullGcBytes)} MiB; GC heaps {Heaps(summary)}.");
        if (summary.GrowthFromMinute is { } from)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $" From minute {from:0.##} to the last sample: working set {Signed(summary.RssGrowthBytes!.Value)} MiB, GC heap after full GC {Signed(summary.HeapGrowthBytes!.Value)} MiB.");
        }

        return text;
    }

    private static string Heaps(SoakSummary summary) =>
        summary.MinHeapCount == summary.MaxHeapCount
            ? summary.MinHeapCount.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{summary.MinHeapCount}–{summary.MaxHeapCount}");

    private static string At(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}:{elapsed.Seconds:00}");

    private static string Mib(long bytes) => (bytes / MiB).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Signed(long bytes) => (bytes / MiB).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string Rps(double? rps) => rps is { } value ? value.ToString("0", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double? percent) => percent is { } value ? value.ToString("0", CultureInfo.InvariantCulture) + " %" : "–";
}
