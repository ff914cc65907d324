using System.Net.Http.Headers;
using k8s;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>Watching one ConfigMap by name, as every gateway replica follows the rollout state.</summary>
public class ConfigMapWatchTests
{
    private const string ByName = "metadata.name=" + Objects.Rollout;

    [Fact]
    public async Task WatchListNamespacedConfigMap_ByNameFromListedVersion_SeesModifiedAndDeletedOfThatOneOnly()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "v1"), Objects.Namespace);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace, fieldSelector: ByName);
        await using var watch = Watch(client, list.Metadata.ResourceVersion);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        server.Upsert(Objects.ConfigMap("other", "not watched"));
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        created.Data["state.json"] = "v2";
        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, Objects.Rollout, Objects.Namespace);
        await client.CoreV1.DeleteNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        var modified = await watch.NextEventAsync();
        var deleted = await watch.NextEventAsync();

        Assert.Equal((WatchEventType.Modified, "v2", replaced.Metadata.ResourceVersion), (modified.Type, modified.Object.Data["state.json"], modified.Object.Metadata.ResourceVersion));
        Assert.Equal((WatchEventType.Deleted, Objects.Rollout), (deleted.Type, deleted.Object.Metadata.Name));
        Assert.Equal(server.ResourceVersion, deleted.Object.Metadata.ResourceVersion);
        Assert.Empty(watch.Errors);
    }

    [Fact]
    public async Task WatchListNamespacedConfigMap_FromCompactedVersion_ReportsExpired410()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var old = server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1")).Metadata.ResourceVersion;
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "v2"));
        server.Compact();
        await using var watch = Watch(client, old);

        var end = await watch.NextAsync();

        Assert.Null(end);
        var expired = Assert.IsType<KubernetesException>(Assert.Single(watch.Errors));
        Assert.Equal((410, "Expired"), (expired.Status.Code, expired.Status.Reason));
    }

    [Fact]
    public async Task WatchListNamespacedConfigMap_WithoutResourceVersion_StartsWithSyntheticAddedOfTheCurrentState()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1"));
        server.Upsert(Objects.ConfigMap("other", "x"));

        await using var watch = Watch(client, null);
        var added = await watch.NextEventAsync();

        Assert.Equal((WatchEventType.Added, Objects.Rollout, "v1"), (added.Type, added.Object.Metadata.Name, added.Object.Data["state.json"]));
    }

    [Fact]
    public async Task Watch_ConfigMapBookmark_IsShapedLikeAnEmptyConfigMap()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fake-token");

        using var response = await http.GetAsync($"api/v1/namespaces/production/configmaps?watch=true&fieldSelector={ByName}&allowWatchBookmarks=true&resourceVersion=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);
        server.Upsert(Objects.ConfigMap("other", "x"));
        server.SendBookmark();
        var bookmark = await reader.ReadLineAsync().WaitAsync(Waits.Timeout);

        Assert.Equal(
            """{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"2","creationTimestamp":null}}}""",
            bookmark);
    }

    [Fact]
    public async Task WatchListNamespacedEndpointSlice_ConfigMapWrites_AreNotSeenButAdvanceTheResourceVersion()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await using var slices = new WatchStream(client, server.ResourceVersion);
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1"));
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        var first = await slices.NextEventAsync();

        Assert.Equal(("a", "3"), (first.Slice.Metadata.Name, first.Slice.Metadata.ResourceVersion));
    }

    private static ObjectWatch<V1ConfigMap> Watch(Kubernetes client, string? resourceVersion) =>
        new((watch, cancellationToken) => client.CoreV1.WatchListNamespacedConfigMapAsync(
            Objects.Namespace,
            allowWatchBookmarks: true,
            fieldSelector: ByName,
            resourceVersion: resourceVersion,
            onError: watch.OnError,
            cancellationToken: cancellationToken));
}
