using k8s;
using k8s.Models;

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

    [Fact]
    public async Task Requests_Writes_RecordVerbGroupResourceNameBodyAndAccess()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        const string Patch = """{"spec":{"replicas":2}}""";

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap(Objects.Rollout, "{}"), Objects.Namespace);
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, Objects.Rollout, Objects.Namespace);
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Patch, V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace);
        await client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace, fieldSelector: $"metadata.name={Objects.Rollout}");
        await client.CoreV1.DeleteNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);

        var requests = server.Requests.All;
        Assert.Equal(
            [(KubeApiVerb.Create, "", "configmaps", null, 201), (KubeApiVerb.Update, "", "configmaps", Objects.Rollout, 200), (KubeApiVerb.Patch, "apps", "deployments", Objects.Stable, 200), (KubeApiVerb.List, "", "configmaps", null, 200), (KubeApiVerb.Delete, "", "configmaps", Objects.Rollout, 200)],
            requests.Select(r => (r.Verb, r.Group, r.Resource, r.Name, r.StatusCode)));
        Assert.Equal((Patch, "application/merge-patch+json; charset=utf-8"), (requests[2].Body, requests[2].ContentType));
        Assert.Equal(
            ["create configmaps", "delete configmaps/canary-gateway-rollout", "list configmaps/canary-gateway-rollout", "patch deployments.apps/kubeapp-production", "update configmaps/canary-gateway-rollout"],
            server.Requests.Accesses.Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WaitForAsync_MatchThrowsOnAnUnexpectedRequest_TheWaiterGetsTheExceptionAndTheRequestIsServed()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var waiting = server.Requests.WaitForListAsync(r => r.LabelSelector!.EndsWith(Slices.Stable, StringComparison.Ordinal), Waits.Timeout);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace);

        await Assert.ThrowsAsync<NullReferenceException>(() => waiting);
        Assert.Empty(list.Items);
    }
}
