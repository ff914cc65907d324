using OpenTelemetry.Trace;

namespace Gateway.Tests.Telemetry;

internal static class TracerProviderExtensions
{
    public static Task ForceFlushAsync(this TracerProvider provider) => Task.Run(() => provider.ForceFlush(5_000));
}
