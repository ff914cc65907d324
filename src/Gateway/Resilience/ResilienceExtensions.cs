using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Resilience;

/// <summary>Registers graceful shutdown and Kestrel's limits.</summary>
public static class ResilienceExtensions
{
    /// <summary>Adds <c>Gateway:Shutdown</c>, the drain step and the request limits.</summary>
    public static IServiceCollection AddGatewayResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<ShutdownOptions>(configuration, ShutdownOptions.SectionName, _ => new ShutdownOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainPeriod + shutdown.Value.Timeout);
        services.ConfigureKestrelLimits();
        return services;
    }
}
