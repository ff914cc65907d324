using System.Diagnostics;
using System.Net;
using Gateway.Proxy;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Which failed attempts the gateway retries on another endpoint of the track, against real sockets (README
/// "Retries"). Load balancing stays random, as in production: each test sends requests until the faulty pod was
/// picked, and judges every request by whether that pod received it. Retries are read from <c>gateway.retries</c>.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    // The shipped default. With 1 s, a request on a loaded CI machine once took 3.3 s (timeout + retry + scheduling),
    // over the 3× cap; at 2 s the cap (6 s) still sits far below YARP's old 15 s, which is what the test tells apart.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private const int MaxRequests = 100;
    private readonly OwnedResources _owned = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _owned.DisposeAsync();

    [Fact]
    public async Task PodNotAcceptingConnections_AnyMethodRetriedAfterTheConnectTimeout_PodMarkedUnhealthy()
    {
        using var hung = await UnacceptedEndpoint.StartAsync();
        var good = Own(await CountingPod.StartAsync(Echo));
        var gateway = await StartGatewayAsync([hung.Url, good.Url], settings: [$"Gateway:Proxy:ConnectTimeout={ConnectTimeout}"]);
        using var retries = MetricCounter.Retries(gateway);
        using var client = gateway.CreateRawClient();
        var hungId = $"stable/{hung.Address}:8080";

        for (var i = 0; Health(gateway, hungId) != DestinationHealth.Unhealthy; i++)
        {
            Assert.True(i < MaxRequests, "The pod that never accepts was never marked unhealthy.");

            // Nothing reached the pod, so a POST is as safe to retry as a GET; its body must arrive whole.
            var method = i % 2 == 0 ? HttpMethod.Post : HttpMethod.Get;
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(Request(method, method == HttpMethod.Post ? $"payload {i}" : null));
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(method == HttpMethod.Post ? $"POST payload {i}" : "GET ", await response.Content.ReadAsStringAsync());
            Assert.True(elapsed < 3 * ConnectTimeout, $"Request {i} ({method}) took {elapsed}; the connect timeout is {ConnectTimeout}.");
        }

        // Passive health judges after 3 attempts (MinimalTotalCountThreshold in ResilienceExtensions); every one of
        // them timed out and was retried. Once marked, the pod gets no more attempts.
        Assert.Equal(3, retries.For("stable"));
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(Request(HttpMethod.Get));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, retries.Total);
    }

    [Fact]
    public async Task PodAcceptedButSlow_ResponseTimeoutNotRetried_PostOrGet()
    {
        var slow = Own(await CountingPod.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The gateway gave up on the response.
            }
        }));
        var good = Own(await CountingPod.StartAsync(Echo));
        var gateway = await StartGatewayAsync([slow.Url, good.Url], configure: builder =>
            builder.Services.AddSingleton<IProxyConfigFilter>(new ActivityTimeoutFilter(ConnectTimeout)));
        using var retries = MetricCounter.Retries(gateway);
        using var client = gateway.CreateRawClient();

        for (var i = 0; !(slow.Methods.Contains("POST") && slow.Methods.Contains("GET")); i++)
        {
            Assert.True(i < MaxRequests, "The slow pod was never picked.");
            var method = slow.Methods.Contains("POST") ? HttpMethod.Get : HttpMethod.Post;
            var (slowBefore, goodBefore) = (slow.Requests, good.Requests);
            using var response = await client.SendAsync(Request(method, method == HttpMethod.Post ? "payload" : null));

            if (slow.Requests > slowBefore)
            {
                Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
                Assert.Equal(goodBefore, good.Requests);
            }
        }

        Assert.Equal(0, retries.Total);
    }

    [Fact]
    public async Task GetOrOptionsWithBody_PodResetAfterReadingTheBody_NotRetried()
    {
        var resetting = Own(await CountingPod.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Abort();
        }));
        var good = Own(await CountingPod.StartAsync(Echo));
        var gateway = await StartGatewayAsync([resetting.Url, good.Url]);
        using var retries = MetricCounter.Retries(gateway);
        using var client = gateway.CreateRawClient();

        for (var i = 0; !(resetting.Methods.Contains("GET") && resetting.Methods.Contains("OPTIONS")); i++)
        {
            Assert.True(i < MaxRequests, "The resetting pod was never picked.");
            var method = resetting.Methods.Contains("GET") ? HttpMethod.Options : HttpMethod.Get;
            var (resetBefore, goodBefore) = (resetting.Requests, good.Requests);
            using var response = await client.SendAsync(Request(method, "payload"));

            if (resetting.Requests > resetBefore)
            {
                // The body is consumed: a second attempt would send the other pod an empty one.
                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                Assert.Equal(goodBefore, good.Requests);
            }
            else
            {
                Assert.Equal($"{method} payload", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(0, retries.Total);
    }

    [Fact]
    public async Task GetWithoutBody_PodResetBeforeResponding_RetriedOnAnotherEndpoint()
    {
        var resetting = Own(await CountingPod.StartAsync(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        }));
        var good = Own(await CountingPod.StartAsync(Echo));
        var gateway = await StartGatewayAsync([resetting.Url, good.Url]);
        using var retries = MetricCounter.Retries(gateway);
        using var client = gateway.CreateRawClient();

        for (var i = 0; resetting.Requests == 0; i++)
        {
            Assert.True(i < MaxRequests, "The resetting pod was never picked.");
            using var response = await client.SendAsync(Request(HttpMethod.Get));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("GET ", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, retries.For("stable"));
    }

    [Fact]
    public async Task GetWhoseResponseBegan_PodBreaksMidBody_NotRetried()
    {
        var brokenByTest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var breaking = Own(await CountingPod.StartAsync(async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("Congratulations!");
            await context.Response.Body.FlushAsync();

            // Aborting at once could discard the bytes still buffered for sending (the gateway would then see a reset
            // before the response): break only once the client has received the beginning.
            await brokenByTest.Task.WaitAsync(context.RequestAborted);
            context.Abort();
        }));
        var good = Own(await CountingPod.StartAsync(Echo));
        var gateway = await StartGatewayAsync([breaking.Url, good.Url]);
        using var retries = MetricCounter.Retries(gateway);
        using var completed = new MetricCounter(gateway.Service<System.Diagnostics.Metrics.IMeterFactory>(), "gateway.requests", "track");
        using var client = gateway.CreateRawClient();

        var sent = 0;
        while (breaking.Requests == 0)
        {
            Assert.True(sent < MaxRequests, "The breaking pod was never picked.");
            var goodBefore = good.Requests;
            using var response = await client.SendAsync(Request(HttpMethod.Get), HttpCompletionOption.ResponseHeadersRead);
            sent++;
            if (breaking.Requests == 0)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            var beginning = new byte["Congratulations!".Length];
            await body.ReadExactlyAsync(beginning);
            brokenByTest.SetResult();
            await Assert.ThrowsAnyAsync<IOException>(async () =>
            {
                while (await body.ReadAsync(new byte[1000]) > 0)
                {
                }
            });

            // The client saw the break before the gateway's pipeline returned, where a retry would happen.
            await WaitUntilAsync(() => completed.Total == sent, "the gateway finished the broken request");
            Assert.Equal(goodBefore, good.Requests);
        }

        Assert.Equal(0, retries.Total);
    }

    [Theory]
    [InlineData("stable")]
    [InlineData("canary")]
    public async Task PostToRefusingPod_RetriedOnAnotherEndpointOfItsTrack_CountedForThatTrack(string track)
    {
        var refusing = $"http://{TestSupport.Loopback.NextAddress(Backend.AddressRange)}:8080";
        var good = Own(await CountingPod.StartAsync(Echo));
        var otherTrack = Own(await CountingPod.StartAsync(Echo));
        var gateway = track == "canary"
            ? await StartGatewayAsync([otherTrack.Url], [refusing, good.Url], ["Gateway:Canary:Weight=100"])
            : await StartGatewayAsync([refusing, good.Url], [otherTrack.Url], ["Gateway:Canary:Weight=0"]);
        using var retries = MetricCounter.Retries(gateway);
        using var client = gateway.CreateRawClient();

        for (var i = 0; retries.Total == 0; i++)
        {
            Assert.True(i < MaxRequests, "The refusing pod was never picked.");
            using var response = await client.SendAsync(Request(HttpMethod.Post, $"payload {i}"));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Request {i}: {(int)response.StatusCode} {body}");
            Assert.Equal(track, Responses.TrackOf(response));
            Assert.Equal($"POST payload {i}", body);
        }

        Assert.True(retries.For(track) == 1, $"Retries counted for {track}: {retries.For(track)} of {retries.Total}.");
        Assert.True(otherTrack.Requests == 0, $"The other track's pod got {otherTrack.Requests} requests.");
    }

    /// <summary>Answers "METHOD body", so a test sees that a retried request arrived whole.</summary>
    private static async Task Echo(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        await context.Response.WriteAsync($"{context.Request.Method} {body}", context.RequestAborted);
    }

    private static HttpRequestMessage Request(HttpMethod method, string? body = null) =>
        new(method, "/") { Content = body is null ? null : new StringContent(body) };

    private static DestinationHealth Health(GatewayInstance gateway, string id) =>
        gateway.Service<IProxyStateLookup>().TryGetCluster(TrackProxyConfigProvider.ClusterId, out var cluster) && cluster.Destinations.TryGetValue(id, out var destination)
            ? destination.Health.Passive
            : DestinationHealth.Unknown;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Starts a gateway; without <paramref name="canary"/> endpoints every request goes to stable (weight 0).</summary>
    private async Task<GatewayInstance> StartGatewayAsync(string[] stable, string[]? canary = null, string[]? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        if (canary is null)
        {
            // The canary pod only makes the configuration valid.
            canary = [(Own(await CountingPod.StartAsync(Echo))).Url];
            settings = [.. settings ?? [], "Gateway:Canary:Weight=0"];
        }

        return Own(await GatewayInstance.StartAsync(stable, canary, settings, configure));
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable => _owned.Add(disposable);

    /// <summary>Shortens YARP's response (activity) timeout, default 100 s, so a slow pod times out within the test.</summary>
    private sealed class ActivityTimeoutFilter(TimeSpan timeout) : IProxyConfigFilter
    {
        public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
            ValueTask.FromResult(cluster with { HttpRequest = (cluster.HttpRequest ?? new()) with { ActivityTimeout = timeout } });

        public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => ValueTask.FromResult(route);
    }
}
