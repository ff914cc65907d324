using System.Globalization;

namespace LoadTests.Reporting;

/// <summary>Writes a run's report folder: report.json, report.md, report.html and the PNG charts.</summary>
internal static class ReportFolder
{
    /// <summary>The default folder: <c>load-reports/&lt;UTC timestamp&gt;</c> under the working directory.</summary>
    public static string Default(DateTimeOffset now, string? suffix = null) =>
        Path.Combine("load-reports", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (suffix is null ? "" : "-" + suffix));

    /// <summary>Writes everything; returns the folder's full path.</summary>
    public static string Write(RunReport report, string directory)
    {
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "report.json"), JsonReport.Serialize(report));
        var charts = Charts.Write(report, full);
        File.WriteAllText(Path.Combine(full, "report.md"), MarkdownReport.Render(report, charts));
        File.WriteAllText(Path.Combine(full, "report.html"), HtmlReport.Render(report, full, charts));
        return full;
    }
}
