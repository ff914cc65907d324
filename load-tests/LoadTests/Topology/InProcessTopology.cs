using System.Net;
using Gateway;
using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LoadTests.Topology;

/// <summary>
/// The canary recipe in this process: stable KubeApps (1.0) and canary KubeApps (2.0) on their own loopback "pod
/// IPs" port 8080, and the real gateway in front of them on 127.0.0.1 with OS-chosen public and management ports.
/// </summary>
internal sealed class InProcessTopology : IAsyncDisposable
{
    public const int PodPort = 8080;

    private readonly List<WebApplication> _apps = [];

    private InProcessTopology()
    {
    }

    /// <summary>The gateway's public URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    public Uri ManagementUrl { get; private set; } = null!;

    /// <summary>The gateway's HTTPS URL when it was started with TLS, else null.</summary>
    public Uri? HttpsUrl { get; private set; }

    public IReadOnlyList<string> StableUrls { get; private set; } = [];

    public IReadOnlyList<string> CanaryUrls { get; private set; } = [];

    /// <summary>Starts the backends on <paramref name="stable"/> and <paramref name="canary"/> and a gateway over them.</summary>
    /// <param name="stable">Addresses of the stable pods (version 1.0).</param>
    /// <param name="canary">Addresses of the canary pods (version 2.0).</param>
    /// <param name="gatewaySettings">Extra gateway settings, "Key=Value", e.g. "Gateway:Canary:Weight=25".</param>
    /// <param name="https">Also listen for HTTPS on 127.0.0.1 (the settings must configure TLS, e.g. Gateway:Tls:SelfSigned=true).</param>
    public static async Task<InProcessTopology> StartAsync(IReadOnlyList<IPAddress> stable, IReadOnlyList<IPAddress> canary, IEnumerable<string> gatewaySettings, bool https = false)
    {
        var topology = new InProcessTopology();
        try
        {
            topology.StableUrls = await topology.StartBackendsAsync(stable, "1.0");
            topology.CanaryUrls = await topology.StartBackendsAsync(canary, "2.0");
            await topology.StartGatewayAsync(gatewaySettings, https);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>The smoke topology: 3 stable and 1 canary pod on free addresses in 127.<paramref name="range"/>.x.x.</summary>
    public static Task<InProcessTopology> StartAsync(byte range, double weight)
    {
        var stable = Enumerable.Range(0, 3).Select(_ => LoopbackAddresses.Next(range, PodPort)).ToArray();
        var canary = new[] { LoopbackAddresses.Next(range, PodPort) };
        return StartAsync(stable, canary, [$"Gateway:Canary:Weight={weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            await _apps[i].StopAsync();
            await _apps[i].DisposeAsync();
        }

        _apps.Clear();
    }

    private async Task<string[]> StartBackendsAsync(IReadOnlyList<IPAddress> addresses, string version)
    {
        var urls = new List<string>();
        foreach (var address in addresses)
        {
            var url = $"http://{address}:{PodPort}";
            var app = KubeAppHost.Build(["--urls", url, "--KUBEAPP_VERSION", version, "--Logging:LogLevel:Default=Warning"]);
            _apps.Add(app);
            await app.StartAsync();
            urls.Add(url);
        }

        return [.. urls];
    }

    private async Task StartGatewayAsync(IEnumerable<string> settings, bool https)
    {
        var args = new List<string>
        {
            "--Gateway:Listen:Http=http://127.0.0.1:0",
            "--Gateway:Listen:Management=http://127.0.0.1:0",
            https ? "--Gateway:Listen:Https=https://127.0.0.1:0" : "--Gateway:Listen:Https=",
            "--Logging:LogLevel:Default=Warning",
            // Nothing routes through Kubernetes here: stop at once instead of draining for 5 s.
            "--Gateway:Shutdown:DrainPeriod=00:00:00",
        };
        args.AddRange(StableUrls.Select((url, i) => $"--Gateway:Tracks:Stable:Destinations:{i}={url}"));
        args.AddRange(CanaryUrls.Select((url, i) => $"--Gateway:Tracks:Canary:Destinations:{i}={url}"));
        args.AddRange(settings.Select(s => "--" + s));

        var app = GatewayApp.Build([.. args]);
        _apps.Add(app);
        await app.StartAsync();
        var listeners = app.Services.GetRequiredService<ListenerRegistry>();
        GatewayUrl = new Uri($"http://127.0.0.1:{listeners.PublicEndPoints[0].Port}/");
        ManagementUrl = new Uri($"http://127.0.0.1:{listeners.ManagementEndPoints[0].Port}/");
        HttpsUrl = listeners.HttpsEndPoints.Count > 0 ? new Uri($"https://127.0.0.1:{listeners.HttpsEndPoints[0].Port}/") : null;
        await WaitReadyAsync();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(ManagementUrl, "readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException("The in-process gateway did not become ready within 15 s.");
            }

            await Task.Delay(50);
        }
    }
}
