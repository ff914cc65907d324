using k8s;

namespace FakeKubeApi.Tests;

/// <summary>
/// How KubernetesClient 21.0.8 surfaces the 410 a watch from a compacted resourceVersion gets: never as an event,
/// only through onError as a <see cref="KubernetesException"/>, followed by a normal end of the stream.
/// </summary>
public class ExpiredTests
{
    [Fact]
    public async Task Watcher_FromCompactedResourceVersion_OnErrorGetsKubernetesException410ExpiredThenClosed()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        var stale = server.ResourceVersion;
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.3"));
        server.Compact();

        using var probe = WatchProbe.Start(client, Slices.Namespace, stale, Slices.StableSelector);
        var error = await probe.NextErrorAsync(Waits.Timeout);
        await probe.Closed.WaitAsync(Waits.Timeout);

        var expired = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, expired.Status.Code);
        Assert.Equal("Expired", expired.Status.Reason);
        Assert.Equal("Failure", expired.Status.Status);
        Assert.Equal("too old resource version: 2 (3)", expired.Message);
        Assert.Empty(probe.DrainEvents());
        Assert.Empty(probe.DrainErrors());
        Assert.Equal(200, (await server.Requests.WaitForWatchAsync(r => r.ResourceVersion == stale, Waits.Timeout)).StatusCode);
    }

    [Fact]
    public async Task WatchAsync_FromCompactedResourceVersion_OnErrorGetsTheStatusAndEnumerationEnds()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var stale = server.ResourceVersion;
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.Compact();

        await using var watch = new WatchStream(client, stale);
        var end = await watch.NextAsync();

        Assert.Null(end);
        var expired = Assert.IsType<KubernetesException>(Assert.Single(watch.Errors));
        Assert.Equal((410, "Expired"), (expired.Status.Code, expired.Status.Reason));
    }

    [Fact]
    public async Task WatchAsync_FromCompactedResourceVersionWithoutOnError_EndsLikeACleanClose()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var stale = server.ResourceVersion;
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.Compact();

        // The trap for a re-watch loop: without onError the 410 is dropped, and the stream just ends.
        await using var watch = new WatchStream(client, stale, withOnError: false);
        var end = await watch.NextAsync();

        Assert.Null(end);
    }

    [Fact]
    public async Task Watch_FromTheCompactionPoint_IsServed()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.Compact();

        await using var watch = new WatchStream(client, server.CompactedResourceVersion);
        server.UpsertSlice(Slices.For(Slices.Stable, "b", "127.0.0.3"));
        var next = await watch.NextEventAsync();

        Assert.Equal((WatchEventType.Added, "b"), (next.Type, next.Slice.Metadata.Name));
        Assert.Empty(watch.Errors);
    }
}
