using k8s;

namespace FakeKubeApi.Tests;

public class RawObjectTests
{
    private const string Labels = """{"kubernetes.io/service-name":"kubeapp-production-service"}""";

    [Fact]
    public async Task UpsertRawSlice_InvalidSlices_AreServedAsWrittenByListAndWatch()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertRawSlice($$"""{"metadata":{"name":"no-addresses","labels":{{Labels}}},"addressType":"IPv4","endpoints":[{"addresses":[]}],"ports":[{"port":8080}]}""", Slices.Namespace);
        server.UpsertRawSlice($$"""{"metadata":{"name":"fqdn","namespace":"production","labels":{{Labels}}},"addressType":"FQDN","endpoints":[{"addresses":["pod.example"]}]}""");
        await using var watch = new WatchStream(client, "0");

        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);
        var watched = new[] { await watch.NextEventAsync(), await watch.NextEventAsync() };

        foreach (var slices in new[] { list.Items, watched.Select(e => e.Slice).ToList() })
        {
            var fqdn = slices.Single(s => s.Metadata.Name == "fqdn");
            var empty = slices.Single(s => s.Metadata.Name == "no-addresses");
            Assert.Equal("FQDN", fqdn.AddressType);
            Assert.Null(fqdn.Ports);
            Assert.Null(fqdn.Endpoints[0].Conditions);
            Assert.Empty(empty.Endpoints[0].Addresses);
            Assert.Null(empty.Ports[0].Name);
            Assert.Null(empty.Ports[0].Protocol);
            Assert.False(string.IsNullOrEmpty(empty.Metadata.ResourceVersion));
        }
    }

    [Fact]
    public async Task UpsertRawSlice_WithoutNamespace_IsRejected()
    {
        await using var server = await FakeKubeApiServer.StartAsync();

        Assert.Throws<ArgumentException>(() => server.UpsertRawSlice("""{"metadata":{"name":"x"}}"""));
        Assert.Equal("1", server.ResourceVersion);
    }
}
