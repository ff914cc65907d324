namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Tests that observe process-wide listeners (OpenTelemetry subscribes to meters and activity sources by name, so
/// every in-process gateway's requests reach every provider) run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Process-wide telemetry";
}
