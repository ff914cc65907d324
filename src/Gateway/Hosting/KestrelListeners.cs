using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Binds Kestrel to the <c>Gateway:Listen</c> addresses (explicit listeners replace <c>--urls</c>).</summary>
internal sealed class KestrelListeners(IOptions<GatewayListenOptions> listen, ListenerRegistry registry, IServiceProvider services) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var settings = listen.Value;
        if (!string.IsNullOrEmpty(settings.Http))
        {
            registry.AddPublic(Bind(options, settings.Http, "http"));
        }

        if (!string.IsNullOrEmpty(settings.Https) && services.GetService<IHttpsListener>() is { Enabled: true } https)
        {
            registry.AddHttps(Bind(options, settings.Https, "https", listener =>
            {
                listener.Protocols = HttpProtocols.Http1AndHttp2;
                https.Configure(listener);
            }));
        }

        if (!string.IsNullOrEmpty(settings.Management))
        {
            registry.AddManagement(Bind(options, settings.Management, "http"));
        }
    }

    private static ListenOptions Bind(KestrelServerOptions options, string url, string scheme, Action<ListenOptions>? configure = null)
    {
        if (!ListenAddress.TryParse(url, scheme, out var address, out var error))
        {
            // Validated at startup; reaching this is a bug.
            throw new InvalidOperationException($"Invalid listen address '{url}': {error}.");
        }

        ListenOptions? bound = null;
        if (address!.IsLocalhost)
        {
            // Loopback on IPv4 only: "localhost" in Kestrel would create two listeners and two ports for port 0.
            options.Listen(IPAddress.Loopback, address.Port, l => bound = l);
        }
        else if (address.IsAny)
        {
            // Dual-stack where IPv6 exists, IPv4 otherwise.
            options.ListenAnyIP(address.Port, l => bound = l);
        }
        else
        {
            options.Listen(address.Address!, address.Port, l => bound = l);
        }

        configure?.Invoke(bound!);
        return bound!;
    }
}
