using System.Net;
using k8s;
using k8s.Autorest;

namespace FakeKubeApi.Tests;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fakekube-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WriteKubeconfig_BuildConfigFromConfigFile_ListsOverPlainHttpWithTheBearerToken()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        server.UpsertSlice(Slices.For(Slices.Stable, "a", "127.0.0.2"));

        var path = server.WriteKubeconfig(_directory);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        using var client = new Kubernetes(config);
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(config.Namespace);

        Assert.Equal(server.BaseAddress, new Uri(config.Host));
        Assert.Equal("production", config.Namespace);
        Assert.Equal("a", Assert.Single(list.Items).Metadata.Name);
        Assert.Equal("Bearer fake-token", (await server.Requests.WaitForListAsync(null, Waits.Timeout)).Authorization);
    }

    [Fact]
    public async Task WriteKubeconfig_NoNamespace_ContextHasNone()
    {
        await using var server = await FakeKubeApiServer.StartAsync();

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.WriteKubeconfig(_directory, @namespace: null));

        Assert.Null(config.Namespace);
    }

    [Fact]
    public async Task Request_WithoutToken_Answers401Unauthorized()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        var config = server.CreateClientConfiguration();
        config.AccessToken = null;
        using var client = new Kubernetes(config);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Slices.Namespace));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Response.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
