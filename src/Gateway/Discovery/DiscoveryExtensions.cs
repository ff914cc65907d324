using Gateway.Configuration;
using Gateway.Discovery.Kubernetes;
using Gateway.Tracks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Discovery;

/// <summary>Registers endpoint discovery for the configured mode.</summary>
public static class DiscoveryExtensions
{
    /// <summary>Adds <c>Gateway:Discovery</c>, <c>Gateway:Tracks</c> and the <see cref="EndpointCatalog"/> they fill.</summary>
    public static IServiceCollection AddEndpointDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName); // Gateway:Discovery and Gateway:Kubernetes
        services.AddGatewaySettings<TracksOptions>(configuration, TracksOptions.SectionName, settings =>
            new TracksOptionsValidator(Options.Create(GatewaySettings.Bind<DiscoveryOptions>(settings, DiscoveryOptions.SectionName))));

        services.AddOptions<KubernetesWatchOptions>();
        services.TryAddSingleton(TimeProvider.System);

        // The one place the mode is checked: everything else asks IEndpointDiscovery or reads the catalog.
        if (GatewaySettings.BindOrDefault<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName).Discovery == DiscoveryMode.Kubernetes)
        {
            services.TryAddSingleton<EndpointCatalog>();
            services.TryAddSingleton<KubernetesConnection>();
            services.TryAddSingleton<KubernetesDiscovery>();
            services.TryAddSingleton<IEndpointDiscovery>(sp => sp.GetRequiredService<KubernetesDiscovery>());
            services.AddHostedService(sp => sp.GetRequiredService<KubernetesDiscovery>());
        }
        else
        {
            services.TryAddSingleton(sp => StaticDiscovery.CreateCatalog(sp.GetRequiredService<IOptions<TracksOptions>>()));
            services.TryAddSingleton<IEndpointDiscovery, StaticDiscovery>();
        }

        return services;
    }
}
