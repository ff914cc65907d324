using Gateway.Discovery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Canary;

/// <summary>Registers and wires the canary routing feature.</summary>
public static class CanaryRoutingExtensions
{
    /// <summary>Adds the canary decision, its settings (<c>Gateway:Canary</c>) and YARP fed by endpoint discovery.</summary>
    public static IServiceCollection AddCanaryRouting(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated before the host is built (StartupValidation), not with ValidateOnStart: that instantiates an
        // IOptionsMonitor whose reload callback re-validates and throws on the configuration's reload thread.
        services.AddOptions<CanaryOptions>().Bind(configuration.GetSection(CanaryOptions.SectionName));
        services.TryAddSingleton<CanaryOptionsValidator>();
        services.TryAddSingleton<IBucketGenerator, RandomBucketGenerator>();
        services.TryAddSingleton<CanaryRulesProvider>();
        services.TryAddSingleton<TrackDestinations>();

        services.TryAddSingleton<TrackProxyConfigProvider>();
        services.TryAddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<TrackProxyConfigProvider>());
        services.AddReverseProxy().AddTransforms(context =>
        {
            var rules = context.Services.GetRequiredService<CanaryRulesProvider>();
            context.AddResponseTransform(response => TrackHeaderTransform.Apply(response, rules));
        });

        // YARP registers data protection for session-affinity cookies, which the gateway does not use; keep its keys
        // in memory so nothing is written to disk (the container's root filesystem is read-only).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services;
    }

    /// <summary>Maps the proxy with the canary step placed before session affinity and load balancing.</summary>
    public static IEndpointRouteBuilder MapCanaryProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<CanaryTrackMiddleware>();
            pipeline.UseMiddleware<Resilience.RetryMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
