using System.Net.Http.Headers;
using System.Text.Json;

namespace FakeKubeApi.Tests;

/// <summary>The bytes on the wire, read with a bare HttpClient, against what kube-apiserver sends.</summary>
public class WireFormatTests
{
    private const string Collection = "apis/discovery.k8s.io/v1/namespaces/production/endpointslices";

    [Fact]
    public async Task List_Body_HasListKindResourceVersionAndItemsWithoutTypeMeta()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = Client(server);
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));

        using var response = await http.GetAsync(Collection);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = body.RootElement;
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("EndpointSliceList", "discovery.k8s.io/v1", "2"), (root.GetProperty("kind").GetString(), root.GetProperty("apiVersion").GetString(), root.GetProperty("metadata").GetProperty("resourceVersion").GetString()));
        var item = Assert.Single(root.GetProperty("items").EnumerateArray());
        Assert.False(item.TryGetProperty("kind", out _));
        Assert.Equal("a", item.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Watch_Stream_IsChunkedJsonLinesWithBookmarkShapedLikeKubeApiServers()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = Client(server);

        using var response = await http.GetAsync($"{Collection}?watch=1&resourceVersion={server.ResourceVersion}&allowWatchBookmarks=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);
        server.SendBookmark();
        var bookmark = await reader.ReadLineAsync().WaitAsync(Waits.Timeout);
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        using var added = JsonDocument.Parse((await reader.ReadLineAsync().WaitAsync(Waits.Timeout))!);

        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"type":"BOOKMARK","object":{"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"resourceVersion":"1","creationTimestamp":null},"addressType":"","endpoints":null}}""",
            bookmark);
        Assert.Equal("ADDED", added.RootElement.GetProperty("type").GetString());
        var obj = added.RootElement.GetProperty("object");
        Assert.Equal(("EndpointSlice", "discovery.k8s.io/v1", "2"), (obj.GetProperty("kind").GetString(), obj.GetProperty("apiVersion").GetString(), obj.GetProperty("metadata").GetProperty("resourceVersion").GetString()));
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_Answers200WithOneExpiredErrorLineThenEnds()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = Client(server);
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));
        server.Compact();

        using var response = await http.GetAsync($"{Collection}?watch=true&resourceVersion=1", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(Waits.Timeout);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}""" + "\n",
            body);
    }

    private static HttpClient Client(FakeKubeApiServer server)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fake-token");
        return http;
    }
}
