using Gateway.Canary;
using Gateway.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Registers and maps the proxy: YARP fed by the endpoint catalog, the canary step, retries, passive health and the
/// connections to pods (<c>Gateway:Proxy</c>).
/// </summary>
public static class ProxyExtensions
{
    /// <summary>Adds YARP with the tracks' configuration, <c>Gateway:Proxy</c>, the pod client factory and passive-health thresholds.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<ProxyOptions>(configuration, ProxyOptions.SectionName, _ => new ProxyOptionsValidator());
        services.TryAddSingleton<TrackDestinations>();
        services.TryAddSingleton<TrackProxyConfigProvider>();
        services.TryAddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<TrackProxyConfigProvider>());
        services.AddReverseProxy().AddTransforms(context =>
        {
            var rules = context.Services.GetRequiredService<CanaryRulesProvider>();
            context.AddResponseTransform(response => TrackHeaderTransform.Apply(response, rules));
        });

        // Replace, not TryAdd: AddReverseProxy TryAdds YARP's own.
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

        // YARP registers data protection for session-affinity cookies, which the gateway does not use; keep its keys
        // in memory so nothing is written to disk (the container's root filesystem is read-only).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services;
    }

    /// <summary>
    /// Maps the proxy. One request's path, in order: the canary step picks the track and narrows the destinations to
    /// it; the retry step repeats a failed connect on another endpoint of that track; then YARP's session affinity,
    /// load balancing and passive health; the forwarder, whose response passes through <see cref="TrackHeaderTransform"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapCanaryProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<CanaryTrackMiddleware>();
            pipeline.UseMiddleware<RetryMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
