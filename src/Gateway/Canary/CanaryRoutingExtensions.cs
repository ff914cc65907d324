using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Canary;

/// <summary>Registers the canary routing decision.</summary>
public static class CanaryRoutingExtensions
{
    /// <summary>Adds the canary decision and its settings (<c>Gateway:Canary</c>, reloaded live).</summary>
    public static IServiceCollection AddCanaryRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<CanaryOptions>(configuration, CanaryOptions.SectionName, _ => new CanaryOptionsValidator());
        services.TryAddSingleton<IBucketGenerator, RandomBucketGenerator>();
        services.TryAddSingleton<CanaryRulesProvider>();
        return services;
    }
}
