using k8s;

namespace FakeKubeApi.Tests;

public class RequestLogTests
{
    [Fact]
    public async Task Requests_ListThenWatch_RecordsVerbsParametersAndCounts()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);
        await using var watch = new WatchStream(client, list.Metadata.ResourceVersion, timeoutSeconds: 300);
        var watchRequest = await server.Requests.WaitForWatchAsync(r => r.ResourceVersion == list.Metadata.ResourceVersion, Waits.Timeout);

        var listRequest = Assert.Single(server.Requests.Lists);
        Assert.Equal((1, 1, 2L), (server.Requests.ListCount, server.Requests.WatchCount, server.Requests.LastSequence));
        Assert.Equal((Slices.Namespace, Slices.StableSelector, (string?)null), (listRequest.Namespace, listRequest.LabelSelector, listRequest.ResourceVersion));
        Assert.Equal("/apis/discovery.k8s.io/v1/namespaces/production/endpointslices", watchRequest.Path);
        Assert.Equal((true, Slices.StableSelector, 300), (watchRequest.AllowWatchBookmarks, watchRequest.LabelSelector, watchRequest.TimeoutSeconds));
        Assert.Contains("watch=true", watchRequest.QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForWatchAsync_NoneArrives_TimesOutListingWhatArrived()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => server.Requests.WaitForWatchAsync(null, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("#1 List GET /apis/discovery.k8s.io/v1/namespaces/production/endpointslices", error.Message, StringComparison.Ordinal);
    }
}
