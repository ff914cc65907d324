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
        var tracks = Bind<TracksOptions>(configuration, TracksOptions.SectionName);
        Check(new TracksOptionsValidator(Options.Create(discovery)), tracks);
        Check(new CanaryOptionsValidator(), Bind<CanaryOptions>(configuration, CanaryOptions.SectionName));
        var listen = Bind<GatewayListenOptions>(configuration, GatewayListenOptions.SectionName);
        Check(new GatewayListenOptionsValidator(), listen);
        var shutdown = Bind<ShutdownOptions>(configuration, ShutdownOptions.SectionName);
        if (shutdown.DrainPeriod < TimeSpan.Zero || shutdown.Timeout < TimeSpan.Zero)
        {
            throw new GatewayConfigurationException($"{ShutdownOptions.SectionName}:DrainPeriod and Timeout must not be negative, got '{shutdown.DrainPeriod}' and '{shutdown.Timeout}'.");
        }

        Check(new ProxyOptionsValidator(), Bind<ProxyOptions>(configuration, ProxyOptions.SectionName));
        Check(new TelemetryOptionsValidator(), Bind<TelemetryOptions>(configuration, TelemetryOptions.SectionName));
        var tls = Bind<TlsOptions>(configuration, TlsOptions.SectionName);
        Check(new TlsOptionsValidator(Options.Create(listen)), tls);
        if (tls.Enabled && !tls.SelfSigned)
        {
            // Missing, unreadable, mismatched or expired certificates stop startup here, naming the file; so does a
            // redirect with nowhere to send unknown hosts (a self-signed certificate always names localhost).
            var certificates = CertificateStore.Load(tls, DateTimeOffset.UtcNow);
            if (tls.RedirectsHttp)
            {
                RedirectTargets.Create(tls, [.. tracks.CanaryHosts, .. tracks.StableHosts], certificates);
            }
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
