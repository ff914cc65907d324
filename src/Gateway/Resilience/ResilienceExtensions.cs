using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Gateway.Resilience;

/// <summary>Registers retries, connections to pods, passive health, graceful shutdown and Kestrel's limits.</summary>
public static class ResilienceExtensions
{
    /// <summary>Adds <c>Gateway:Shutdown</c>, the drain step, <c>Gateway:Proxy</c>, passive-health thresholds and the request limits.</summary>
    public static IServiceCollection AddGatewayResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainPeriod + shutdown.Value.Timeout);

        // Validated before the host is built (StartupValidation); see AddCanaryRouting for why not ValidateOnStart.
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.SectionName));

        // Replace, not TryAdd: AddReverseProxy (called by AddCanaryRouting, before or after this) TryAdds YARP's own.
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, PodHttpClientFactory>());

        // A pod failing at the transport level (refused, reset, connect or response timeout: YARP's policy counts
        // Request and RequestTimedOut errors) is taken out after a few requests and tried again after the
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
