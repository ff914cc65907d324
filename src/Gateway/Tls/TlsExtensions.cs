using Gateway.Configuration;
using Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>Registers TLS termination.</summary>
public static class TlsExtensions
{
    /// <summary>Adds <c>Gateway:Tls</c> and the certificate store (used when a certificate is configured).</summary>
    public static IServiceCollection AddGatewayTls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettings<TlsOptions>(configuration, TlsOptions.SectionName, settings =>
            new TlsOptionsValidator(Options.Create(GatewaySettings.Bind<GatewayListenOptions>(settings, GatewayListenOptions.SectionName))));
        var certificates = new TlsCertificatesValidator();
        services.AddSettingsValidator(certificates);
        services.TryAddSingleton(certificates);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CertificateStore>();
        services.TryAddSingleton<IHttpsListener, TlsHttpsListener>();
        return services;
    }

    /// <summary>Redirects public HTTP to HTTPS and adds HSTS, when TLS is configured.</summary>
    public static IApplicationBuilder UseGatewayTransportSecurity(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<TlsOptions>>().Value;
        return options.Enabled || options.RedirectsHttp ? app.UseMiddleware<TransportSecurityMiddleware>() : app;
    }
}
