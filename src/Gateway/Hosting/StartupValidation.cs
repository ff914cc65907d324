using Gateway.Canary;
using Gateway.Discovery;
using Gateway.Resilience;
using Gateway.Telemetry;
using Gateway.Tls;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Checks every setting before the host is built, so a bad value stops the gateway with one line naming the key
/// (instead of a stack trace from deep inside host startup). Reloads of <c>Gateway:Canary</c> reuse the same
/// validator in CanaryRulesProvider.
/// </summary>
internal static class StartupValidation
{
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        // First: a misspelt key would otherwise leave its setting at the default and pass every check below.
        if (UnknownSettings.Validate(configuration) is { } unknown)
        {
            throw new GatewayConfigurationException(unknown);
        }

        var discovery = Bind<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName);
        Check(new TracksOptionsValidator(Options.Create(discovery)), Bind<TracksOptions>(configuration, TracksOptions.SectionName));
        Check(new CanaryOptionsValidator(), Bind<CanaryOptions>(configuration, CanaryOptions.SectionName));
        Check(new GatewayListenOptionsValidator(), Bind<GatewayListenOptions>(configuration, GatewayListenOptions.SectionName));
        var shutdown = Bind<ShutdownOptions>(configuration, ShutdownOptions.SectionName);
        if (shutdown.DrainPeriod < TimeSpan.Zero || shutdown.Timeout < TimeSpan.Zero)
        {
            throw new GatewayConfigurationException($"{ShutdownOptions.SectionName}:DrainPeriod and Timeout must not be negative, got '{shutdown.DrainPeriod}' and '{shutdown.Timeout}'.");
        }

        Check(new TelemetryOptionsValidator(), Bind<TelemetryOptions>(configuration, TelemetryOptions.SectionName));
        var tls = Bind<TlsOptions>(configuration, TlsOptions.SectionName);
        Check(new TlsOptionsValidator(), tls);
        if (tls.Enabled && !tls.SelfSigned)
        {
            // Missing, unreadable, mismatched or expired certificates stop startup here, naming the file.
            CertificateStore.Load(tls, DateTimeOffset.UtcNow);
        }
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        try
        {
            var options = new T();
            configuration.GetSection(section).Bind(options);
            return options;
        }
        catch (InvalidOperationException ex)
        {
            // "Failed to convert configuration value 'abc' at 'Gateway:Canary:Weight' to type ..."
            throw new GatewayConfigurationException(ex.Message, ex);
        }
    }

    private static void Check<T>(IValidateOptions<T> validator, T options)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new GatewayConfigurationException(result.FailureMessage);
        }
    }
}
