using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Telemetry;

/// <summary>Registers the gateway's metrics.</summary>
public static class TelemetryExtensions
{
    /// <summary>Adds the <c>Gateway</c> meter's instruments.</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        return services;
    }
}
