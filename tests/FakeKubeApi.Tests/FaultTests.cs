using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Autorest;

namespace FakeKubeApi.Tests;

public class FaultTests
{
    [Fact]
    public async Task CutWatchStreams_AfterEvents_WatcherGetsIOExceptionThenClosed()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        using var probe = WatchProbe.Start(client, Slices.Namespace, "0", Slices.StableSelector);
        await probe.NextEventAsync(Waits.Timeout);

        var cut = server.CutWatchStreams();
        var error = await probe.NextErrorAsync(Waits.Timeout);
        await probe.Closed.WaitAsync(Waits.Timeout);

        Assert.Equal(1, cut);
        Assert.Equal(0, server.OpenWatchCount);
        // Kestrel's abort resets the connection: "Connection reset by peer" (a FIN would give HttpIOException, also an IOException).
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public async Task CutWatchStreams_AfterEvents_AsyncEnumerationThrowsIOException()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        await using var watch = new WatchStream(client, "0");
        await watch.NextEventAsync();

        server.CutWatchStreams();

        await Assert.ThrowsAnyAsync<IOException>(watch.NextAsync);
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task CutWatchStreams_ClientRewatchesFromLastResourceVersion_MissedEventsReplayedWithoutRelist()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);
        string last;
        await using (var watch = new WatchStream(client, list.Metadata.ResourceVersion))
        {
            server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
            last = (await watch.NextEventAsync()).Slice.Metadata.ResourceVersion;
            server.CutWatchStreams();
            await Assert.ThrowsAnyAsync<IOException>(watch.NextAsync);
        }

        server.UpsertSlice(Slices.For(Slices.Stable, "b", "127.0.0.3"));
        var before = server.Requests.LastSequence;
        await using var rewatch = new WatchStream(client, last);
        var missed = await rewatch.NextEventAsync();

        var request = await server.Requests.WaitForWatchAsync(r => r.Sequence > before, Waits.Timeout);
        Assert.Equal((last, Slices.StableSelector, true), (request.ResourceVersion, request.LabelSelector, request.AllowWatchBookmarks));
        Assert.Equal(1, server.Requests.ListCount);
        Assert.Equal((WatchEventType.Added, "b"), (missed.Type, missed.Slice.Metadata.Name));
    }

    [Fact]
    public async Task EndWatchStreams_AfterEvents_WatcherClosesWithoutError()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        using var probe = WatchProbe.Start(client, Slices.Namespace, "0", Slices.StableSelector);
        await probe.NextEventAsync(Waits.Timeout);

        server.EndWatchStreams();
        await probe.Closed.WaitAsync(Waits.Timeout);

        Assert.Empty(probe.DrainErrors());
    }

    [Fact]
    public async Task EndWatchStreams_BeforeAnyEvent_WatcherGetsHttpRequestExceptionWithEndOfStream()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        using var probe = WatchProbe.Start(client, Slices.Namespace, server.ResourceVersion, Slices.StableSelector);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        // KubernetesClient completes a watch call only on the first line; a clean end before it fails that call.
        server.EndWatchStreams();
        var error = await probe.NextErrorAsync(Waits.Timeout);
        await probe.Closed.WaitAsync(Waits.Timeout);

        Assert.IsType<EndOfStreamException>(Assert.IsType<HttpRequestException>(error).InnerException);
    }

    [Fact]
    public async Task EndWatchStreams_BeforeAnyEvent_AsyncEnumerationThrowsHttpRequestException()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await using var watch = new WatchStream(client, server.ResourceVersion);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        server.EndWatchStreams();

        var error = await Assert.ThrowsAsync<HttpRequestException>(watch.NextAsync);
        Assert.IsType<EndOfStreamException>(error.InnerException);
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task SetOutage_RefusesConnectionsCutsWatches_ThenServesAgainOnTheSamePort()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        using var probe = WatchProbe.Start(client, Slices.Namespace, "0", Slices.StableSelector);
        await probe.NextEventAsync(Waits.Timeout);
        var port = server.Port;

        await server.SetOutageAsync(true);
        var cut = await probe.NextErrorAsync(Waits.Timeout);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace));
        using var tcp = new TcpClient();
        var tcpRefused = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
        server.UpsertSlice(Slices.For(Slices.Stable, "b", "127.0.0.3"));
        await server.SetOutageAsync(false);
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace);

        Assert.IsAssignableFrom<IOException>(cut);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);
        Assert.Equal(SocketError.ConnectionRefused, tcpRefused.SocketErrorCode);
        Assert.Equal(port, server.Port);
        Assert.Equal(["a", "b"], list.Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task FailNextRequests_TooManyRequests_ClientGetsHttpOperationExceptionThenRecovers()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.FailNextRequests(1, HttpStatusCode.TooManyRequests, KubeApiVerb.List);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace));
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace);

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"TooManyRequests\"", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal(["1"], error.Response.Headers["Retry-After"]);
        Assert.NotNull(list);
        Assert.Equal([429, 200], server.Requests.Lists.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task DelayNextRequests_OnlyTheMatchingListIsHeldBack_OthersAnswerAtOnce()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Canary, "c", "127.0.0.9"));
        server.DelayNextRequests(1, TimeSpan.FromHours(1), KubeApiVerb.List, Slices.CanarySelector);
        using var giveUp = new CancellationTokenSource();

        var held = client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.CanarySelector, cancellationToken: giveUp.Token);
        await server.Requests.WaitForListAsync(r => r.LabelSelector == Slices.CanarySelector, Waits.Timeout);
        var stable = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);
        var canaryAgain = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.CanarySelector);
        var stillHeld = !held.IsCompleted;
        await giveUp.CancelAsync();

        Assert.True(stillHeld);
        Assert.Empty(stable.Items);
        Assert.Equal(["c"], canaryAgain.Items.Select(s => s.Metadata.Name));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
    }

    [Fact]
    public async Task DelayNextRequests_AnswersAfterTheDelay()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        var delay = TimeSpan.FromMilliseconds(300);
        server.DelayNextRequests(1, delay, KubeApiVerb.List);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace);
        var elapsed = clock.Elapsed;

        // Timers tick in whole milliseconds, so allow a little less than the delay; never much less.
        Assert.True(elapsed >= delay - TimeSpan.FromMilliseconds(20), $"answered after {elapsed}");
        Assert.Equal(["a"], list.Items.Select(s => s.Metadata.Name));
        Assert.Equal([200], server.Requests.Lists.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task DelayNextRequests_ServerDisposed_HeldRequestEndsWithoutWaitingOutTheDelay()
    {
        var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.DelayNextRequests(1, TimeSpan.FromHours(1));
        var held = client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace);
        await server.Requests.WaitForListAsync(null, Waits.Timeout);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => held).WaitAsync(Waits.Timeout);
        // Kestrel would otherwise wait its whole shutdown timeout (5 s) for the held request.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"disposal took {clock.Elapsed}");
    }
}
