using System.Text;
using System.Text.Json;

namespace LoadTests.Tests.Infrastructure;

/// <summary>What a run of the tool produced.</summary>
internal sealed record CliRun(int ExitCode, string Output, string ReportDirectory)
{
    /// <summary>report.json, parsed.</summary>
    public JsonElement Report => JsonDocument.Parse(File.ReadAllText(Path.Combine(ReportDirectory, "report.json"))).RootElement;

    /// <summary>Everything the run printed and wrote in text (report.json and report.md), so a failing assertion explains itself.</summary>
    public string Explain()
    {
        var text = new StringBuilder($"--- canary-load exited {ExitCode}; its output ---\n{Output}");
        foreach (var file in new[] { "report.json", "report.md" })
        {
            var path = Path.Combine(ReportDirectory, file);
            text.Append($"\n--- {path} ---\n").Append(File.Exists(path) ? File.ReadAllText(path) : "(not written)");
        }

        return text.ToString();
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
