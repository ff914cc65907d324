using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>Registers TLS termination.</summary>
public static class TlsExtensions
{
    /// <summary>Adds <c>Gateway:Tls</c> and the certificate store (used when a certificate is configured).</summary>
    public static IServiceCollection AddGatewayTls(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated (files included) before the host is built, by StartupValidation.
        services.AddOptions<TlsOptions>().Bind(configuration.GetSection(TlsOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CertificateStore>();
        return services;
    }

    /// <summary>Redirects public HTTP to HTTPS and adds HSTS, when TLS is configured.</summary>
    public static IApplicationBuilder UseGatewayTransportSecurity(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<TlsOptions>>().Value;
        return options.Enabled || options.RedirectsHttp ? app.UseMiddleware<TransportSecurityMiddleware>() : app;
    }
}
