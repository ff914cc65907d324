using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Management;

/// <summary>camelCase, enums as strings, non-finite numbers allowed (an unbounded p99 bucket).</summary>
internal static class StatusJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
