using Gateway.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Registers the gateway's listeners.</summary>
public static class HostingExtensions
{
    /// <summary>Adds <c>Gateway:Listen</c> and binds Kestrel to it.</summary>
    public static IServiceCollection AddGatewayListeners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<GatewayListenOptions>(configuration, GatewayListenOptions.SectionName, _ => new GatewayListenOptionsValidator());
        services.TryAddSingleton<ListenerRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelListeners>());
        return services;
    }
}
