using System.Net;
using k8s;
using k8s.Autorest;

namespace FakeKubeApi.Tests;

public class ListTests
{
    [Fact]
    public async Task ListNamespacedEndpointSlice_ServiceNameSelector_ReturnsOnlyThatServiceAndCurrentResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "stable-a", "127.0.0.2", "127.0.0.3"));
        server.UpsertSlice(Slices.For(Slices.Canary, "canary-a", "127.0.0.4"));
        server.UpsertSlice(Slices.For(Slices.Stable, "stable-b", "127.0.0.5"));
        server.UpsertSlice(EndpointSliceBuilder.For(Slices.Stable, "staging").Name("elsewhere").Endpoint("127.0.0.6").Build());

        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: Slices.StableSelector);

        Assert.Equal(["stable-a", "stable-b"], list.Items.Select(s => s.Metadata.Name));
        Assert.Equal(server.ResourceVersion, list.Metadata.ResourceVersion);
        Assert.Equal("5", list.Metadata.ResourceVersion);
        var first = list.Items[0];
        Assert.Equal(["127.0.0.2", "127.0.0.3"], first.Endpoints.SelectMany(e => e.Addresses));
        Assert.True(first.Endpoints[0].Conditions.Ready);
        Assert.Equal(("http", 8080, "TCP"), (first.Ports[0].Name, first.Ports[0].Port, first.Ports[0].Protocol));
        Assert.Equal("IPv4", first.AddressType);
        Assert.Equal("2", first.Metadata.ResourceVersion);
        Assert.False(string.IsNullOrEmpty(first.Metadata.Uid));
        Assert.NotNull(first.Metadata.CreationTimestamp);
        // kube-apiserver leaves kind/apiVersion off list items (kubernetes/kubernetes#3030); so does the fake.
        Assert.Null(first.Kind);
    }

    [Fact]
    public async Task ListNamespacedEndpointSlice_SetBasedAndNegativeSelectors_MatchLikeKubernetes()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "stable"));
        server.UpsertSlice(Slices.For(Slices.Canary, "canary"));
        server.UpsertSlice(EndpointSliceBuilder.For("other", Slices.Namespace).Name("unlabelled").Build());

        async Task<string[]> Names(string selector) =>
            [.. (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: selector)).Items.Select(s => s.Metadata.Name)];

        Assert.Equal(["canary", "unlabelled"], await Names(EndpointSliceBuilder.ServiceNameLabel + "!=" + Slices.Stable));
        Assert.Equal(["canary", "stable"], await Names($"{EndpointSliceBuilder.ServiceNameLabel} in ({Slices.Stable}, {Slices.Canary})"));
        Assert.Equal(["stable"], await Names($"{EndpointSliceBuilder.ServiceNameLabel}=={Slices.Stable},endpointslice.kubernetes.io/managed-by"));
        Assert.Empty(await Names("!endpointslice.kubernetes.io/managed-by"));
    }

    [Fact]
    public async Task ListNamespacedEndpointSlice_InvalidSelector_Answers400BadRequest()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, labelSelector: "app in (a"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"BadRequest\"", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListNamespacedEndpointSlice_Limit_PagesWithContinueTokenAndFirstPagesResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        foreach (var name in new[] { "a", "b", "c" })
        {
            server.UpsertSlice(Slices.For(Slices.Stable, name, "127.0.0.2"));
        }

        var first = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, limit: 2);
        server.UpsertSlice(Slices.For(Slices.Stable, "d", "127.0.0.2"));
        var second = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace, limit: 2, continueParameter: first.Metadata.ContinueProperty);

        Assert.Equal(["a", "b"], first.Items.Select(s => s.Metadata.Name));
        Assert.Equal(1, first.Metadata.RemainingItemCount);
        Assert.Equal(["c", "d"], second.Items.Select(s => s.Metadata.Name));
        Assert.Null(second.Metadata.ContinueProperty);
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ListEndpointSliceForAllNamespaces_SlicesInSeveralNamespaces_ReturnsAll()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "in-production"));
        server.UpsertSlice(EndpointSliceBuilder.For(Slices.Stable, "staging").Name("in-staging").Build());

        var list = await client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(labelSelector: Slices.StableSelector);

        Assert.Equal(["production/in-production", "staging/in-staging"], list.Items.Select(s => s.Metadata.NamespaceProperty + "/" + s.Metadata.Name));
    }

    [Fact]
    public async Task ReadNamespacedEndpointSlice_ExistingAndMissing_ReturnsObjectOr404()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.UpsertSlice(Slices.For(Slices.Stable, "stable-a", "127.0.0.2"));

        var slice = await client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("stable-a", Slices.Namespace);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.DiscoveryV1.ReadNamespacedEndpointSliceAsync("nope", Slices.Namespace));

        Assert.Equal("EndpointSlice", slice.Kind);
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }
}
