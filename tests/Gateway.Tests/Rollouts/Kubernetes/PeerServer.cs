using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>A gateway replica's management port as seen by its peers: a small Kestrel app on its own loopback address, port chosen by the OS.</summary>
public sealed class PeerServer : IAsyncDisposable
{
    private PeerServer(WebApplication app, string identity, IPAddress address, int port)
    {
        App = app;
        Identity = identity;
        Address = address;
        Port = port;
    }

    public WebApplication App { get; }

    /// <summary>The pod name the EndpointSlice names it by.</summary>
    public string Identity { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>http://address:port, what the peer directory should resolve it to.</summary>
    public Uri Management => new($"http://{Address}:{Port}");

    public static async Task<PeerServer> StartAsync(string identity, Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var address = Loopback.NextAddress(Backend.AddressRange);
        var builder = WebApplication.CreateSlimBuilder(["--urls", $"http://{address}:0", "--Logging:LogLevel:Default", "Warning"]);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new PeerServer(app, identity, address, new Uri(bound).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
