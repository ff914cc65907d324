using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Management;

/// <summary>Registers what the management endpoints need.</summary>
public static class ManagementExtensions
{
    /// <summary>Adds the <c>/status</c> report builder.</summary>
    public static IServiceCollection AddGatewayManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StatusReportBuilder>();
        return services;
    }
}
