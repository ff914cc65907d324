using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadTests.Reporting;

/// <summary><c>report.json</c>: every figure of the run, camelCase.</summary>
internal static class JsonReport
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);
}
