using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Discovery;
using Gateway.Rollouts.Kubernetes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Rollouts;

/// <summary>Registers multi-stage rollouts (DESIGN.md "Rollouts").</summary>
public static class RolloutExtensions
{
    /// <summary>Adds the rollout settings (<c>Gateway:Rollout</c>, reloaded live), the engine and its weight source.</summary>
    public static IServiceCollection AddGatewayRollouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<RolloutOptions>(configuration, RolloutOptions.SectionName, settings => new RolloutOptionsValidator(settings));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrafficRecorder>();
        services.TryAddSingleton<RolloutInstance>();
        if (GatewaySettings.BindOrDefault<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName).Discovery == DiscoveryMode.Kubernetes)
        {
            // Several replicas share the rollout through the API (DESIGN.md "Across gateway replicas").
            services.AddKubernetesRollouts(configuration);
        }

        services.TryAddSingleton<IRolloutStore, InMemoryRolloutStore>();
        services.TryAddSingleton<ILeadership, SingleReplicaLeadership>();
        services.TryAddSingleton<IRolloutEvents>(NullRolloutEvents.Instance);
        services.TryAddSingleton<IRolloutSamples>(provider =>
        {
            var leadership = provider.GetRequiredService<ILeadership>();
            return new LocalRolloutSamples(provider.GetRequiredService<TrafficRecorder>(), leadership.Self, provider.GetRequiredService<RolloutInstance>().Id);
        });
        services.TryAddSingleton<RolloutWeight>();
        services.AddSingleton<IWeightSource>(provider => provider.GetRequiredService<RolloutWeight>());
        services.TryAddSingleton<RolloutMetrics>();
        services.TryAddSingleton<RolloutController>();
        services.AddHostedService(provider => provider.GetRequiredService<RolloutController>());
        return services;
    }
}
