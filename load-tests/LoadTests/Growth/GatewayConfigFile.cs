using System.Text.Json;

namespace LoadTests.Growth;

/// <summary>
/// A gateway's static destinations as the JSON settings file it reads through <c>GATEWAY_CONFIG_FILE</c> (the way a
/// mounted ConfigMap would give them), instead of a thousand <c>--Gateway:Tracks:…:Destinations:N</c> arguments.
/// </summary>
internal static class GatewayConfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>{"Gateway":{"Tracks":{"Stable":{"Destinations":[…]},"Canary":{"Destinations":[…]}}}}</c>.</summary>
    public static string Json(IReadOnlyList<string> stable, IReadOnlyList<string> canary) => JsonSerializer.Serialize(
        new { Gateway = new { Tracks = new { Stable = new { Destinations = stable }, Canary = new { Destinations = canary } } } },
        Indented);

    /// <summary>
    /// Writes <see cref="Json"/> for <paramref name="layout"/> to <paramref name="path"/>: every address when
    /// <paramref name="all"/>, else each process's first (3 stable + 1 canary).
    /// </summary>
    public static string Write(string path, PodLayout layout, bool all)
    {
        File.WriteAllText(path, Json(layout.Destinations(canary: false, all), layout.Destinations(canary: true, all)));
        return path;
    }
}
