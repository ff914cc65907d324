using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>Patching a Deployment's pod template and following its rollout, as promotion does.</summary>
public class DeploymentTests
{
    private const string NewImage = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"kubeapp:2.0"}]}}}}""";

    [Fact]
    public async Task PatchNamespacedDeployment_StrategicMerge_MergesContainersByNameBumpsGenerationKeepsStatus()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        var before = server.CompleteDeploymentRollout(Objects.Namespace, Objects.Stable);

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(NewImage, V1Patch.PatchType.StrategicMergePatch), Objects.Stable, Objects.Namespace);

        var container = Assert.Single(patched.Spec.Template.Spec.Containers);
        Assert.Equal(("kubeapp:2.0", Objects.Stable, 8080), (container.Image, container.Env.Single().Value, container.Ports.Single().ContainerPort));
        Assert.Equal((1L, 2L), (before.Metadata.Generation, patched.Metadata.Generation));
        Assert.Equal((1L, 3), (patched.Status.ObservedGeneration, patched.Status.AvailableReplicas));
    }

    [Fact]
    public async Task PatchNamespacedDeployment_MergePatch_ReplacesTheContainerListWhole()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(NewImage, V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace);

        var container = Assert.Single(patched.Spec.Template.Spec.Containers);
        Assert.Equal("kubeapp:2.0", container.Image);
        Assert.Null(container.Env);
        Assert.Equal(2L, patched.Metadata.Generation);
    }

    [Fact]
    public async Task PatchNamespacedDeployment_TemplateSpecCopiedFromCanary_StableRunsTheCanarysPodSpec()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        server.Upsert(Objects.Deployment(Objects.Canary, "kubeapp:2.0"));

        var canary = await client.AppsV1.ReadNamespacedDeploymentAsync(Objects.Canary, Objects.Namespace);
        var patch = new V1Patch(new V1Deployment { Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec { Spec = canary.Spec.Template.Spec } } }, V1Patch.PatchType.MergePatch);
        var stable = await client.AppsV1.PatchNamespacedDeploymentAsync(patch, Objects.Stable, Objects.Namespace);

        Assert.Equal(KubernetesJson.Serialize(canary.Spec.Template.Spec), KubernetesJson.Serialize(stable.Spec.Template.Spec));
        Assert.Equal(Objects.Stable, stable.Spec.Template.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task PatchNamespacedDeployment_MetadataOnly_KeepsGeneration()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"annotations":{"canary-gateway/promoted":"2.0"}}}""", V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace);

        Assert.Equal((1L, "2.0"), (patched.Metadata.Generation, patched.Metadata.Annotations["canary-gateway/promoted"]));
    }

    [Fact]
    public async Task PatchNamespacedDeployment_Status_IsIgnoredAsOnlyTheStatusSubresourceMayChangeIt()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"status":{"availableReplicas":3,"observedGeneration":1}}""", V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace);

        Assert.Null(patched.Status?.AvailableReplicas);
        Assert.Equal(server.ResourceVersion, patched.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task PatchNamespacedDeployment_Replicas_ScalesAndBumpsGeneration()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Canary, "kubeapp:2.0"));

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch), Objects.Canary, Objects.Namespace);
        var done = server.CompleteDeploymentRollout(Objects.Namespace, Objects.Canary);

        Assert.Equal((0, 2L), (patched.Spec.Replicas, patched.Metadata.Generation));
        Assert.Equal((2L, 0, 0), (done.Status.ObservedGeneration, done.Status.Replicas, done.Status.AvailableReplicas));
    }

    [Fact]
    public async Task PatchNamespacedDeployment_StaleResourceVersionInPatch_Throws409Conflict()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var read = server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        server.CompleteDeploymentRollout(Objects.Namespace, Objects.Stable);

        var patch = $$$"""{"metadata":{"resourceVersion":"{{{read.Metadata.ResourceVersion}}}"},"spec":{"replicas":5}}""";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on deployments.apps \\\"kubeapp-production\\\"", error.Response.Content, StringComparison.Ordinal);
        Assert.Contains("\"details\":{\"name\":\"kubeapp-production\",\"group\":\"apps\",\"kind\":\"deployments\"}", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal(3, server.Get<V1Deployment>(Objects.Namespace, Objects.Stable)!.Spec.Replicas);
    }

    [Fact]
    public async Task PatchNamespacedDeployment_JsonPatchWithFailingTest_Throws422AndChangesNothing()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        const string Patch = """[{"op":"test","path":"/spec/template/spec/containers/0/image","value":"kubeapp:0.9"},{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"kubeapp:2.0"}]""";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Patch, V1Patch.PatchType.JsonPatch), Objects.Stable, Objects.Namespace));
        var applied = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(Patch.Replace("0.9", "1.0", StringComparison.Ordinal), V1Patch.PatchType.JsonPatch), Objects.Stable, Objects.Namespace);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal("kubeapp:2.0", applied.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task PatchNamespacedDeployment_Missing_Throws404()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(NewImage, V1Patch.PatchType.MergePatch), Objects.Stable, Objects.Namespace));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Contains("deployments.apps \\\"kubeapp-production\\\" not found", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_UnknownContentType_Answers415()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "fake-token");
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));

        using var response = await http.PatchAsync($"apis/apps/v1/namespaces/production/deployments/{Objects.Stable}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", status.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CompleteDeploymentRollout_AfterPatch_WatchSeesObservedGenerationCatchUp()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        server.CompleteDeploymentRollout(Objects.Namespace, Objects.Stable);
        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(NewImage, V1Patch.PatchType.StrategicMergePatch), Objects.Stable, Objects.Namespace);
        await using var watch = new ObjectWatch<V1Deployment>((w, ct) => client.AppsV1.WatchListNamespacedDeploymentAsync(
            Objects.Namespace, fieldSelector: $"metadata.name={Objects.Stable}", resourceVersion: patched.Metadata.ResourceVersion, onError: w.OnError, cancellationToken: ct));
        await server.WaitForOpenWatchesAsync(1, Waits.Timeout);

        server.CompleteDeploymentRollout(Objects.Namespace, Objects.Stable);
        var modified = await watch.NextEventAsync();

        var status = modified.Object.Status;
        Assert.Equal(WatchEventType.Modified, modified.Type);
        Assert.Equal((2L, 3, 3, 3), (status.ObservedGeneration, status.Replicas, status.UpdatedReplicas, status.AvailableReplicas));
    }
}
