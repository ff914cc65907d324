using System.Net;
using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>The gateway running in-process on real loopback sockets (public and management ports chosen by the OS).</summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private GatewayInstance(WebApplication app, ReloadableConfigurationSource reloadable)
    {
        App = app;
        Reloadable = reloadable;
        var listeners = app.Services.GetRequiredService<ListenerRegistry>();
        _publicUrl = listeners.PublicEndPoints.Count > 0 ? new Uri($"http://127.0.0.1:{listeners.PublicEndPoints[0].Port}") : null;
        ManagementUrl = new Uri($"http://127.0.0.1:{listeners.ManagementEndPoints[0].Port}");
        HttpsUrl = listeners.HttpsEndPoints.Count > 0 ? new Uri($"https://127.0.0.1:{listeners.HttpsEndPoints[0].Port}") : null;
    }

    // The gateway's tracer listens process-wide; without this the test's own HttpClient would start (and send) a trace.
    private static readonly System.Diagnostics.DistributedContextPropagator NoTraceHeaders = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator();

    private readonly Uri? _publicUrl;

    public WebApplication App { get; }

    /// <summary>Change settings here and reload, as an edited appsettings.json or ConfigMap would.</summary>
    public ReloadableConfigurationSource Reloadable { get; }

    /// <summary>The public plain-HTTP listener; throws when <c>Gateway:Listen:Http</c> was set empty.</summary>
    public Uri PublicUrl => _publicUrl ?? throw new InvalidOperationException("The gateway has no public HTTP listener (Gateway:Listen:Http is empty).");

    public Uri ManagementUrl { get; }

    /// <summary>The HTTPS listener, when TLS is configured.</summary>
    public Uri? HttpsUrl { get; }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts a gateway in Static mode with the given tracks and extra settings ("Key=Value").</summary>
    public static async Task<GatewayInstance> StartAsync(IEnumerable<string> stable, IEnumerable<string> canary, IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            "--Gateway:Listen:Http=http://127.0.0.1:0",
            "--Gateway:Listen:Management=http://127.0.0.1:0",
            "--Gateway:Listen:Https=https://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            // Tests stop gateways all the time; the drain before closing (default 5 s) is tested on its own.
            "--Gateway:Shutdown:DrainPeriod=00:00:00",
            // Expected errors (an API outage, a refused handshake) would flood the test log; tests read logs through LogCapture.
            "--Logging:Console:LogLevel:Default=None",
        };
        var i = 0;
        foreach (var url in stable)
        {
            args.Add($"--Gateway:Tracks:Stable:Destinations:{i++}={url}");
        }

        i = 0;
        foreach (var url in canary)
        {
            args.Add($"--Gateway:Tracks:Canary:Destinations:{i++}={url}");
        }

        args.AddRange((settings ?? []).Select(s => "--" + s));
        var reloadable = new ReloadableConfigurationSource();
        var app = GatewayApp.Build([.. args], builder =>
        {
            ((Microsoft.Extensions.Configuration.IConfigurationBuilder)builder.Configuration).Add(reloadable);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new GatewayInstance(app, reloadable);
    }

    /// <summary>A client that keeps cookies (one browser, one user) and connects to the public port.</summary>
    public HttpClient CreateUserClient(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false, ActivityHeadersPropagator = NoTraceHeaders }) { BaseAddress = PublicUrl };

    /// <summary>A client without a cookie jar: each request is sent exactly as built.</summary>
    public HttpClient CreateRawClient(Uri? baseAddress = null) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, ActivityHeadersPropagator = NoTraceHeaders }) { BaseAddress = baseAddress ?? PublicUrl };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
