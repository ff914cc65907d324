using Gateway.Canary;
using Gateway.Discovery;
using Gateway.Resilience;
using Gateway.Telemetry;
using Gateway.Tls;

namespace Gateway.Hosting;

/// <summary>
/// Every section under <c>Gateway</c> and the options class bound to it. The keys the gateway accepts are the
/// properties of these classes (with their nested classes and lists), so a new property needs nothing else; any other
/// key under <c>Gateway</c> is rejected as unknown (<see cref="UnknownSettings"/>).
/// </summary>
internal static class GatewaySections
{
    /// <summary>The root of the gateway's settings.</summary>
    public const string Root = "Gateway";

    /// <summary>A new section is registered here, one line: its configuration path and its options class.</summary>
    public static readonly IReadOnlyList<(string Path, Type Options)> All =
    [
        (DiscoveryOptions.SectionName, typeof(DiscoveryOptions)), // Gateway:Discovery and Gateway:Kubernetes
        (TracksOptions.SectionName, typeof(TracksOptions)),
        (CanaryOptions.SectionName, typeof(CanaryOptions)),
        (TlsOptions.SectionName, typeof(TlsOptions)),
        (GatewayListenOptions.SectionName, typeof(GatewayListenOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
        (ShutdownOptions.SectionName, typeof(ShutdownOptions)),
        (ProxyOptions.SectionName, typeof(ProxyOptions)),
    ];
}
