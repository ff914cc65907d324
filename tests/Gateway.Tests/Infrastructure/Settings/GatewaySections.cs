using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway;

/// <summary>
/// Every section under <c>Gateway</c> and the options class bound to it, as the features register them
/// (<see cref="GatewaySettingsExtensions.AddGatewaySettings{TOptions}"/>): a new feature's section needs no line here.
/// </summary>
internal static class GatewaySections
{
    private static readonly Lazy<IReadOnlyList<(string Path, Type Options)>> Registered = new(() =>
    {
        var services = new ServiceCollection();
        GatewayApp.AddGatewayFeatures(services, new ConfigurationBuilder().Build());
        return services.GetGatewaySettings().Sections;
    });

    /// <summary>The root of the gateway's settings.</summary>
    public const string Root = GatewaySettings.Root;

    /// <summary>The sections every feature registers.</summary>
    public static IReadOnlyList<(string Path, Type Options)> All => Registered.Value;
}
