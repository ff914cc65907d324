using System.Net;
using Gateway.Proxy;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests.Resilience;

/// <summary>Rollouts and failures under steady load lose no requests (bounded, loopback only, seconds each).</summary>
public sealed class FaultToleranceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly OwnedResources _owned = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _owned.DisposeAsync();

    [Fact]
    public async Task PodKilledWithoutWarning_EveryGetSucceeds_DeadEndpointTakenOut()
    {
        var pods = new[] { Own(await ProcessBackend.StartAsync("1.0-a")), Own(await ProcessBackend.StartAsync("1.0-b")), Own(await ProcessBackend.StartAsync("1.0-c")) };
        var canary = Own(await Backend.StartKubeAppAsync("2.0"));
        var gateway = Own(await StartGatewayAsync(pods.Select(p => p.Url), [canary.Url], "Gateway:Canary:Weight=0"));
        using var retries = MetricCounter.Retries(gateway);
        var load = Own(SteadyLoad.Start(() => gateway.CreateRawClient(), 4, _ => Get("foo.bar")));
        await load.WaitForRequestsAsync(200, Timeout);

        pods[0].Process.Kill();
        await WaitUntilAsync(() => Health(gateway, $"stable/{pods[0].Address}:8080") == DestinationHealth.Unhealthy, "passive health marks the dead pod");

        // Requests that picked the dead pod just before it was marked still retry; count from when they are over.
        await load.WaitForEachWorkerAsync(2, Timeout);
        var retriesWhenMarked = retries.For("stable");
        var answeredByKilledPod = load.Versions.GetValueOrDefault("1.0-a");
        await load.WaitForRequestsAsync(300, Timeout);
        await load.StopAsync();

        // Every figure in each message: a failure seen once under a full parallel run must explain itself.
        var state = $"{load.Sent} requests, {load.Failures.Count} failed, {retriesWhenMarked} retried when marked (stable), {retries.Total} retried in all, "
            + $"versions {string.Join(", ", load.Versions.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"))}, {answeredByKilledPod} answered by the killed pod when marked";
        output.WriteLine($"pod killed: {state}");
        Assert.True(load.Failures.Count == 0, $"Requests failed ({state}): {string.Join(" | ", load.Failures.Take(5))}");
        Assert.True(retriesWhenMarked > 0, $"The killed pod's requests were not retried ({state}).");
        Assert.True(retriesWhenMarked == retries.Total, $"Retries after the pod was marked unhealthy ({state}).");

        // The pod that was killed had been serving (so its death was under load), and nothing came from it afterwards.
        Assert.True(answeredByKilledPod > 0, $"The killed pod answered nothing before it was killed ({state}).");
        Assert.True(answeredByKilledPod == load.Versions.GetValueOrDefault("1.0-a"), $"The killed pod answered after it was marked ({state}).");
    }

    [Fact]
    public async Task RollingUpdateOfStable_EndpointsReplacedOneByOne_ZeroFailures()
    {
        var old = new[] { await Backend.StartKubeAppAsync("1.0-old"), await Backend.StartKubeAppAsync("1.0-old"), await Backend.StartKubeAppAsync("1.0-old") };
        var canary = Own(await Backend.StartKubeAppAsync("2.0"));
        var gateway = Own(await StartGatewayAsync(old.Select(p => p.Url), [canary.Url], "Gateway:Canary:Weight=25"));
        var catalog = gateway.Service<EndpointCatalog>();
        var load = Own(SteadyLoad.Start(() => gateway.CreateUserClient(), 6, _ => Get("foo.bar")));
        await load.WaitForRequestsAsync(100, Timeout);

        foreach (var pod in old)
        {
            var replacement = Own(await Backend.StartKubeAppAsync("1.0-new"));
            var endpoint = new TrackEndpoint(Gateway.Tracks.Track.Stable, new Uri(replacement.Url), Ready: true);
            catalog.Publish(catalog.Current with { Stable = catalog.Current.Stable.Add(endpoint) });
            await WaitForDestinationsAsync(gateway, ids => ids.Contains(endpoint.Id));
            await load.WaitForRequestsAsync(50, Timeout);

            var leaving = catalog.Current.Stable.Single(e => e.Address.Host == pod.Address.ToString());
            catalog.Publish(catalog.Current with { Stable = catalog.Current.Stable.Replace(leaving, leaving with { Ready = false }) });
            await WaitForDestinationsAsync(gateway, ids => !ids.Contains(leaving.Id));
            await pod.DisposeAsync();
            await load.WaitForRequestsAsync(50, Timeout);
        }

        await load.StopAsync();
        output.WriteLine($"rolling update: {load.Sent} requests, {load.Failures.Count} failed");
        Assert.Empty(load.Failures);
        Assert.True(load.Versions.GetValueOrDefault("1.0-new") > 0);
    }

    [Fact]
    public async Task CanaryScaled1To0To1_CanaryUsersFallBackAndReturnWithTheirBucket_ZeroFailures()
    {
        var stable = Own(await Backend.StartKubeAppAsync("1.0"));
        var canary = Own(await Backend.StartKubeAppAsync("2.0"));
        var gateway = Own(await StartGatewayAsync([stable.Url], [canary.Url], "Gateway:Canary:Weight=50"));
        var catalog = gateway.Service<EndpointCatalog>();
        var full = catalog.Current;

        // Every worker is a canary user (bucket below 5000).
        var load = Own(SteadyLoad.Start(() => gateway.CreateRawClient(), 4, worker => Get("foo.bar", $"canary-bucket={worker * 100}")));
        await load.WaitForRequestsAsync(100, Timeout);
        catalog.Publish(full with { Canary = [] });
        await WaitForDestinationsAsync(gateway, ids => ids.All(id => id.StartsWith("stable/", StringComparison.Ordinal)));
        var before = load.Versions.GetValueOrDefault("1.0");
        await load.WaitForRequestsAsync(100, Timeout);
        var fallback = load.Versions.GetValueOrDefault("1.0") - before;
        catalog.Publish(full);
        await WaitForDestinationsAsync(gateway, ids => ids.Any(id => id.StartsWith("canary/", StringComparison.Ordinal)));
        var canaryBefore = load.Versions.GetValueOrDefault("2.0");
        await load.WaitForRequestsAsync(100, Timeout);
        await load.StopAsync();

        output.WriteLine($"canary 1 -> 0 -> 1: {load.Sent} requests, {load.Failures.Count} failed, {fallback} fell back to stable");
        Assert.Empty(load.Failures);
        Assert.True(fallback >= 90, $"{fallback} of 100 requests fell back");
        Assert.True(load.Versions.GetValueOrDefault("2.0") - canaryBefore >= 90);
    }

    [Fact]
    public async Task EndpointRemovedWhileRequestInFlight_RequestCompletes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Own(await Backend.StartCustomAsync(app => Microsoft.AspNetCore.Builder.RunExtensions.Run(app, async context =>
        {
            started.TrySetResult();
            await release.Task;
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "Congratulations! Version 1.0-slow of your application is running on Kubernetes.");
        })));
        var other = Own(await Backend.StartKubeAppAsync("1.0"));
        var gateway = Own(await StartGatewayAsync([slow.Url], [other.Url], "Gateway:Canary:Weight=0"));
        var catalog = gateway.Service<EndpointCatalog>();
        using var client = gateway.CreateRawClient();

        var inFlight = client.SendAsync(Get("foo.bar"));
        await started.Task.WaitAsync(Timeout);
        var replacement = new TrackEndpoint(Gateway.Tracks.Track.Stable, new Uri(other.Url), Ready: true);
        catalog.Publish(catalog.Current with { Stable = [replacement] });
        await WaitForDestinationsAsync(gateway, ids => !ids.Any(id => id.Contains(slow.Address.ToString(), StringComparison.Ordinal)));
        using var next = await client.SendAsync(Get("foo.bar"));
        release.SetResult();
        using var finished = await inFlight;

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("1.0-slow", Responses.VersionOf(await finished.Content.ReadAsStringAsync()));
        Assert.Equal("1.0", Responses.VersionOf(await next.Content.ReadAsStringAsync()));
    }

    private static DestinationHealth Health(GatewayInstance gateway, string id) =>
        gateway.Service<IProxyStateLookup>().TryGetCluster(TrackProxyConfigProvider.ClusterId, out var cluster) && cluster.Destinations.TryGetValue(id, out var destination)
            ? destination.Health.Passive
            : DestinationHealth.Unknown;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    private static Task WaitForDestinationsAsync(GatewayInstance gateway, Func<IReadOnlyCollection<string>, bool> condition) =>
        gateway.Service<ProxyConfigSignal>().WaitForDestinationsAsync(condition, Timeout);

    private Task<GatewayInstance> StartGatewayAsync(IEnumerable<string> stable, IEnumerable<string> canary, params string[] settings) =>
        GatewayInstance.StartAsync(stable, canary, settings, builder =>
        {
            builder.Services.AddSingleton<ProxyConfigSignal>();
            builder.Services.AddSingleton<IConfigChangeListener>(sp => sp.GetRequiredService<ProxyConfigSignal>());
        });

    private T Own<T>(T disposable)
        where T : IAsyncDisposable => _owned.Add(disposable);

    private static HttpRequestMessage Get(string host, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = host } };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }
}
