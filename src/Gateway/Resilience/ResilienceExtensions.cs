using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;

namespace Gateway.Resilience;

/// <summary>Registers retries, passive health, graceful shutdown and Kestrel's limits.</summary>
public static class ResilienceExtensions
{
    /// <summary>Adds <c>Gateway:Shutdown</c>, the drain step, passive-health thresholds and the request limits.</summary>
    public static IServiceCollection AddGatewayResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainPeriod + shutdown.Value.Timeout);

        // A pod failing at the transport level is taken out after a few requests and tried again after the
        // reactivation period (TrackProxyConfigProvider enables the policy on the cluster).
        services.Configure<TransportFailureRateHealthPolicyOptions>(policy =>
        {
            policy.DetectionWindowSize = TimeSpan.FromSeconds(30);
            policy.MinimalTotalCountThreshold = 3;
            policy.DefaultFailureRateLimit = 0.3;
        });

        services.ConfigureKestrelLimits();
        return services;
    }
}
