using System.Text.Json;

namespace LoadTests.Tests.Infrastructure;

/// <summary>What a run of the tool produced.</summary>
internal sealed record CliRun(int ExitCode, string Output, string ReportDirectory)
{
    /// <summary>report.json, parsed.</summary>
    public JsonElement Report => JsonDocument.Parse(File.ReadAllText(Path.Combine(ReportDirectory, "report.json"))).RootElement;

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
