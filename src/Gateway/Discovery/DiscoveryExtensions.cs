using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Discovery.Kubernetes;
using Microsoft.Extensions.Options;

namespace Gateway.Discovery;

/// <summary>Registers endpoint discovery for the configured mode.</summary>
public static class DiscoveryExtensions
{
    /// <summary>Adds <c>Gateway:Discovery</c>, <c>Gateway:Tracks</c> and the <see cref="EndpointCatalog"/> they fill.</summary>
    public static IServiceCollection AddEndpointDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated before the host is built (StartupValidation); see AddCanaryRouting for why not ValidateOnStart.
        services.AddOptions<DiscoveryOptions>().Bind(configuration.GetSection(DiscoveryOptions.SectionName));
        services.AddOptions<TracksOptions>().Bind(configuration.GetSection(TracksOptions.SectionName));

        services.AddOptions<KubernetesWatchOptions>();
        services.TryAddSingleton(TimeProvider.System);
        if (configuration.GetSection(DiscoveryOptions.SectionName).Get<DiscoveryOptions>()?.Discovery == DiscoveryMode.Kubernetes)
        {
            services.TryAddSingleton<KubernetesDiscovery>();
            services.AddHostedService(sp => sp.GetRequiredService<KubernetesDiscovery>());
        }

        services.TryAddSingleton(sp =>
        {
            var catalog = new EndpointCatalog();
            if (sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value.Discovery == DiscoveryMode.Static)
            {
                StaticDiscovery.Publish(catalog, sp.GetRequiredService<IOptions<TracksOptions>>());
            }

            return catalog;
        });
        return services;
    }
}
