using Gateway.Configuration;

namespace Gateway.Rollouts;

/// <summary>Registers multi-stage rollouts (DESIGN.md "Rollouts").</summary>
public static class RolloutExtensions
{
    /// <summary>Adds the rollout settings (<c>Gateway:Rollout</c>, reloaded live) and the engine.</summary>
    public static IServiceCollection AddGatewayRollouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<RolloutOptions>(configuration, RolloutOptions.SectionName, _ => new RolloutOptionsValidator());
        return services;
    }
}
