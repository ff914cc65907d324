using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Discovery;
using Gateway.Hosting;
using Gateway.Management;
using Gateway.Proxy;
using Gateway.Resilience;
using Gateway.Rollouts;
using Gateway.Telemetry;
using Gateway.Tls;

namespace Gateway;

/// <summary>Builds the gateway; shared by <see cref="Program"/> and tests that run it on real sockets.</summary>
internal static class GatewayApp
{
    /// <exception cref="GatewayConfigurationException">A setting is invalid.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddBinaryAppSettings(builder.Environment.ContentRootPath);
        var configFile = builder.Configuration.AddGatewayConfigFile();
        configure?.Invoke(builder);
        AddGatewayFeatures(builder.Services, builder.Configuration);
        builder.Services.GetGatewaySettings().ThrowIfInvalid(builder.Configuration);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (string.Equals(Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER"), "true", StringComparison.OrdinalIgnoreCase)
            && builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            // One JSON object per line for the cluster's log collector; set Logging:Console:FormatterName to override.
            builder.Logging.AddJsonConsole();
        }

        var app = builder.Build();
        if (configFile is not null)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigFileExtensions).FullName!);
            configFile.ReloadFailed = (file, reason) => ConfigFileLog.ReloadRejected(logger, file, reason);
        }

        app.UseGatewayManagement();
        app.UseGatewayTransportSecurity();
        app.UseRouting();
        app.MapCanaryProxy();
        return app;
    }

    /// <summary>
    /// Registers every feature, each with its settings section and validator; the order is the order in which
    /// validation reports problems.
    /// </summary>
    internal static void AddGatewayFeatures(IServiceCollection services, IConfiguration configuration)
    {
        services.AddEndpointDiscovery(configuration);
        services.AddCanaryRouting(configuration);
        services.AddGatewayRollouts(configuration);
        services.AddGatewayListeners(configuration);
        services.AddGatewayResilience(configuration);
        services.AddGatewayProxy(configuration);
        services.AddGatewayTelemetry(configuration);
        services.AddGatewayTls(configuration);
        services.AddGatewayManagement(configuration);
    }
}
