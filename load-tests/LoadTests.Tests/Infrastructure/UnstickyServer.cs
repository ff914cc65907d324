using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoadTests.Tests.Infrastructure;

/// <summary>
/// A gateway with stickiness broken on purpose: every request gets version 1.0 or 2.0 at random (25 % canary),
/// cookies ignored, with <c>X-Canary-Track</c> set to match — so only the stickiness check can catch it.
/// </summary>
internal sealed class UnstickyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private UnstickyServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<UnstickyServer> StartAsync(int seed)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        var random = new Random(seed);
        var gate = new Lock();
        app.Run(context =>
        {
            bool canary;
            lock (gate)
            {
                canary = random.Next(100) < 25;
            }

            context.Response.Headers["X-Canary-Track"] = canary ? "canary" : "stable";
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync($"Congratulations! Version {(canary ? "2.0" : "1.0")} of your application is running on Kubernetes.");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UnstickyServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
