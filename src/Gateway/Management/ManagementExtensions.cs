using Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Management;

/// <summary>Registers what the management endpoints need.</summary>
public static class ManagementExtensions
{
    /// <summary>Adds the <c>/status</c> report builder and the management settings (<c>Gateway:Management</c>).</summary>
    public static IServiceCollection AddGatewayManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<ManagementOptions>(configuration, ManagementOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StatusReportBuilder>();
        return services;
    }
}
