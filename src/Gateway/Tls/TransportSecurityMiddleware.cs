using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>
/// Public requests only: redirects plain HTTP to HTTPS with 308 (method and body preserved) and marks HTTPS
/// responses with <c>Strict-Transport-Security</c>.
/// </summary>
internal sealed class TransportSecurityMiddleware(RequestDelegate next, IOptions<TlsOptions> options)
{
    private readonly bool _redirect = options.Value.RedirectsHttp;
    private readonly int _httpsPort = options.Value.HttpsPort;
    private readonly string? _hsts = options.Value.Enabled && options.Value.HstsMaxAge > TimeSpan.Zero
        ? "max-age=" + ((long)options.Value.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps)
        {
            if (_hsts is not null)
            {
                context.Response.Headers.StrictTransportSecurity = _hsts;
            }

            return next(context);
        }

        if (!_redirect)
        {
            return next(context);
        }

        var host = request.Host;
        if (!host.HasValue)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("A Host header is required.\n");
        }

        var target = _httpsPort == 443 ? new HostString(host.Host) : new HostString(host.Host, _httpsPort);

        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", target, request.PathBase, request.Path, request.QueryString);
        return Task.CompletedTask;
    }
}
