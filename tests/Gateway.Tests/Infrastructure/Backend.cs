using System.Net;
using KubeApp;
using Microsoft.AspNetCore.Builder;
using TestSupport;

namespace Gateway.Tests.Infrastructure;

/// <summary>A real KubeApp (or a custom app) listening on its own loopback "pod IP" on port 8080.</summary>
public sealed class Backend : IAsyncDisposable
{
    /// <summary>Second octet of this assembly's pod IPs (KubeApp.Tests uses 1).</summary>
    public const byte AddressRange = 2;

    private Backend(WebApplication app, IPAddress address, string version)
    {
        App = app;
        Address = address;
        Version = version;
    }

    public WebApplication App { get; }

    public IPAddress Address { get; }

    public string Version { get; }

    /// <summary>The destination URL, e.g. http://127.2.0.3:8080.</summary>
    public string Url => $"http://{Address}:{Loopback.PodPort}";

    /// <summary>Starts the real sample app with <paramref name="version"/>.</summary>
    public static async Task<Backend> StartKubeAppAsync(string version)
    {
        var address = Loopback.NextAddress(AddressRange);
        var app = KubeAppServer.Build(["--urls", $"http://{address}:{Loopback.PodPort}", "--KUBEAPP_VERSION", version, "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        return new Backend(app, address, version);
    }

    /// <summary>Starts a custom app (e.g. one that echoes request headers).</summary>
    public static async Task<Backend> StartCustomAsync(Action<WebApplication> map, string version = "custom")
    {
        var address = Loopback.NextAddress(AddressRange);
        var builder = WebApplication.CreateSlimBuilder(["--urls", $"http://{address}:{Loopback.PodPort}", "--Logging:LogLevel:Default", "Warning"]);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new Backend(app, address, version);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
