using k8s;

namespace FakeKubeApi.Tests;

public class BookmarkTests
{
    [Fact]
    public async Task SendBookmark_WatchAllowsBookmarks_ClientReceivesBookmarkCarryingOnlyTheResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Canary, "canary", "127.0.0.2"));
        await using var watch = new WatchStream(client, server.ResourceVersion, allowWatchBookmarks: true);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);
        server.UpsertSlice(Slices.For(Slices.Canary, "canary", "127.0.0.3"));

        var sent = server.SendBookmark();
        var bookmark = await watch.NextEventAsync();

        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.Equal(sent, bookmark.Slice.Metadata.ResourceVersion);
        Assert.Equal("3", sent);
        Assert.Null(bookmark.Slice.Metadata.Name);
        Assert.Null(bookmark.Slice.Endpoints);
    }

    [Fact]
    public async Task SendBookmark_WatchWithoutBookmarks_SendsNoBookmark()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await using var watch = new WatchStream(client, server.ResourceVersion, allowWatchBookmarks: false);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        server.SendBookmark();
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        var next = await watch.NextEventAsync();

        // The stream keeps order, so a bookmark queued first would have arrived first.
        Assert.Equal((WatchEventType.Added, "a"), (next.Type, next.Slice.Metadata.Name));
        Assert.False((await server.Requests.WaitForWatchAsync(null, Waits.Timeout)).AllowWatchBookmarks);
    }

    [Fact]
    public async Task BookmarkInterval_Set_SendsBookmarksPeriodically()
    {
        await using var server = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { BookmarkInterval = TimeSpan.FromMilliseconds(50) });
        using var client = new Kubernetes(server.CreateClientConfiguration());

        await using var watch = new WatchStream(client, server.ResourceVersion, allowWatchBookmarks: true);
        var first = await watch.NextEventAsync();
        var second = await watch.NextEventAsync();

        Assert.Equal([WatchEventType.Bookmark, WatchEventType.Bookmark], new[] { first.Type, second.Type });
        Assert.Equal(server.ResourceVersion, second.Slice.Metadata.ResourceVersion);
    }
}
