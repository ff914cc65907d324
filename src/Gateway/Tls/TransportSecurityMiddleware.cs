using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>
/// Public requests only: redirects plain HTTP to HTTPS with 308 (method and body preserved) and marks HTTPS
/// responses with <c>Strict-Transport-Security</c>. The redirect keeps the request's host only when the gateway
/// serves it (see <see cref="RedirectTargets"/>), so a forged Host header cannot send a client elsewhere.
/// </summary>
internal sealed class TransportSecurityMiddleware
{
    private readonly RequestDelegate _next;
    private readonly CertificateStore? _store;
    private readonly string? _hsts;

    public TransportSecurityMiddleware(RequestDelegate next, IOptions<TlsOptions> options, IServiceProvider services)
    {
        _next = next;
        var settings = options.Value;

        // Startup validation guarantees a certificate (hence a store) whenever redirects are on.
        _store = settings.RedirectsHttp ? services.GetRequiredService<CertificateStore>() : null;
        _hsts = settings.Enabled && settings.HstsMaxAge > TimeSpan.Zero
            ? "max-age=" + ((long)settings.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : null;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps)
        {
            if (_hsts is not null)
            {
                context.Response.Headers.StrictTransportSecurity = _hsts;
            }

            return _next(context);
        }

        if (_store?.Redirects is not { } redirects)
        {
            return _next(context);
        }

        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", redirects.For(request.Host), request.PathBase, request.Path, request.QueryString);
        return Task.CompletedTask;
    }
}
