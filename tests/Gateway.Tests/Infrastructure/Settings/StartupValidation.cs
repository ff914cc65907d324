using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway;

/// <summary>
/// Runs every feature's registered validator (<see cref="GatewaySettings"/>) before the host is built, so a bad value
/// stops the gateway with one line naming the key. <see cref="GatewayApp.Build"/> runs the registry of the services
/// it builds; this entry point registers the features into a scratch collection, for checks without a host.
/// </summary>
internal static class StartupValidation
{
    /// <exception cref="GatewayConfigurationException">A setting is invalid.</exception>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        GatewayApp.AddGatewayFeatures(services, configuration);
        services.GetGatewaySettings().ThrowIfInvalid(configuration);
    }
}
