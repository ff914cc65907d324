using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeKubeApi;

/// <summary>
/// A bare Kestrel listener on 127.0.0.1 (no configuration sources, no logging providers, no routing) running one
/// request delegate. An outage disposes it, which closes the listening socket, and starts a new one on the same port.
/// </summary>
internal sealed class KubeApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubeApiHost(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<KubeApiHost> StartAsync(int port, RequestDelegate handler, CancellationToken cancellationToken)
    {
        // A port freed by the previous listener can be briefly unavailable; retry a few times rather than fail a test.
        for (var attempt = 1; ; attempt++)
        {
            var app = Build(port, handler);
            try
            {
                await app.StartAsync(cancellationToken);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                return new KubeApiHost(app, new Uri(address).Port);
            }
            catch (IOException e) when (attempt < 20 && e.InnerException is AddressInUseException)
            {
                await app.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(int port, RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // KubernetesClient asks for HTTP/2 but, over plain http without prior knowledge, falls back to HTTP/1.1,
            // which is what it gets from kube-apiserver's cleartext port too.
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(handler);
        return app;
    }
}
