using TestSupport;

namespace LoadTests.Bench;

/// <summary>
/// How the bench starts a process: without the telemetry and listening-address variables it would inherit, keeping
/// its last lines of output for error messages, and stopped with SIGTERM, then killed with its children.
/// </summary>
internal static class BenchProcess
{
    private const int KeptLines = 60;

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, int keptLines = KeptLines)
    {
        // The children must not export telemetry anywhere or inherit a listening address (null removes a variable).
        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["GATEWAY_CONFIG_FILE"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        return ChildProcess.Start(fileName, arguments, workingDirectory, variables, name, keptLines, StopGrace);
    }

    /// <summary>Stops <paramref name="process"/> the way disposing it does, for stopping several in parallel.</summary>
    public static Task StopAsync(ChildProcess process) => process.StopAsync(StopGrace);
}
