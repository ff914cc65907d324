using k8s;

namespace FakeKubeApi.Tests;

public class WatchTests
{
    [Fact]
    public async Task Watch_FromListResourceVersion_ReceivesAddedModifiedDeletedInOrder()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "stable-a", "127.0.0.2"));
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);
        await using var watch = new WatchStream(client, list.Metadata.ResourceVersion);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        var added = server.UpsertSlice(Slices.For(Slices.Stable, "stable-b", "127.0.0.3"));
        server.UpsertSlice(Slices.For(Slices.Canary, "canary-a", "127.0.0.4"));
        var modified = server.UpsertSlice(Slices.For(Slices.Stable, "stable-b", "127.0.0.3", "127.0.0.5"));
        var deleted = server.DeleteSlice(Slices.Namespace, "stable-b");

        var first = await watch.NextEventAsync();
        var second = await watch.NextEventAsync();
        var third = await watch.NextEventAsync();
        Assert.Equal((WatchEventType.Added, "stable-b", added.Metadata.ResourceVersion), (first.Type, first.Slice.Metadata.Name, first.Slice.Metadata.ResourceVersion));
        Assert.Equal((WatchEventType.Modified, "stable-b", modified.Metadata.ResourceVersion), (second.Type, second.Slice.Metadata.Name, second.Slice.Metadata.ResourceVersion));
        Assert.Equal(["127.0.0.3", "127.0.0.5"], second.Slice.Endpoints.SelectMany(e => e.Addresses));
        Assert.Equal((WatchEventType.Deleted, "stable-b", deleted), (third.Type, third.Slice.Metadata.Name, third.Slice.Metadata.ResourceVersion));
        Assert.Equal("EndpointSlice", first.Slice.Kind);
        Assert.Equal(added.Metadata.Uid, third.Slice.Metadata.Uid);
    }

    [Fact]
    public async Task Watch_FromOlderResourceVersion_ReplaysHistoryBeforeLiveEvents()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var from = server.ResourceVersion;
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.UpsertSlice(Slices.For(Slices.Stable, "b", "127.0.0.3"));

        await using var watch = new WatchStream(client, from);
        var replayed = new[] { await watch.NextEventAsync(), await watch.NextEventAsync() };
        server.UpsertSlice(Slices.For(Slices.Stable, "c", "127.0.0.4"));
        var live = await watch.NextEventAsync();

        Assert.Equal(["a", "b", "c"], replayed.Append(live).Select(e => e.Slice.Metadata.Name));
        Assert.All(replayed.Append(live), e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_SendsSyntheticAddedForCurrentStateThenLiveEvents()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.3"));
        server.UpsertSlice(Slices.For(Slices.Canary, "canary", "127.0.0.4"));

        await using var watch = new WatchStream(client, resourceVersion: null);
        var initial = await watch.NextEventAsync();
        server.DeleteSlice(Slices.Namespace, "a");
        var live = await watch.NextEventAsync();

        Assert.Equal((WatchEventType.Added, "a", "3"), (initial.Type, initial.Slice.Metadata.Name, initial.Slice.Metadata.ResourceVersion));
        Assert.Equal(["127.0.0.3"], initial.Slice.Endpoints.SelectMany(e => e.Addresses));
        Assert.Equal((WatchEventType.Deleted, "a"), (live.Type, live.Slice.Metadata.Name));
    }

    [Fact]
    public async Task Watch_SliceRelabelledOutOfSelector_SendsDeletedWithPreviousContentAtNewResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "moving", "127.0.0.2"));
        var from = server.ResourceVersion;
        await using var watch = new WatchStream(client, from);

        var moved = server.UpsertSlice(Slices.For(Slices.Canary, "moving", "127.0.0.9"));
        var back = server.UpsertSlice(Slices.For(Slices.Stable, "moving", "127.0.0.3"));
        var left = await watch.NextEventAsync();
        var returned = await watch.NextEventAsync();

        Assert.Equal((WatchEventType.Deleted, moved.Metadata.ResourceVersion), (left.Type, left.Slice.Metadata.ResourceVersion));
        Assert.Equal(["127.0.0.2"], left.Slice.Endpoints.SelectMany(e => e.Addresses));
        Assert.Equal((WatchEventType.Added, back.Metadata.ResourceVersion), (returned.Type, returned.Slice.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsStreamCleanlyAfterTheEvents()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));

        await using var watch = new WatchStream(client, resourceVersion: "0", timeoutSeconds: 1);
        var initial = await watch.NextEventAsync();
        var end = await watch.NextAsync();

        Assert.Equal(WatchEventType.Added, initial.Type);
        Assert.Null(end);
        Assert.Empty(watch.Errors);
        Assert.Equal(1, (await server.Requests.WaitForWatchAsync(null, Waits.Timeout)).TimeoutSeconds);
    }
}
