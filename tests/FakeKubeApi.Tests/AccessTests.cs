using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>Simulated RBAC: Forbid and a Role's rules, answered with kube-apiserver's 403 Status.</summary>
public class AccessTests
{
    [Fact]
    public async Task Forbid_UpdateOfOneConfigMap_Answers403ForItOnlyAndChangesNothing()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var state = server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1"));
        var other = server.Upsert(Objects.ConfigMap("other", "v1"));
        server.Forbid(KubeApiVerb.Update, "configmaps", Objects.Rollout);

        state.Data["state.json"] = "v2";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(state, Objects.Rollout, Objects.Namespace));
        var unchanged = await client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(other, "other", Objects.Namespace);
        server.ClearForbidden();
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(state, Objects.Rollout, Objects.Namespace);

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"canary-gateway-rollout\" is forbidden: User \"system:serviceaccount:production:canary-gateway\" cannot update resource \"configmaps\" in API group \"\" in the namespace \"production\"","reason":"Forbidden","details":{"name":"canary-gateway-rollout","kind":"configmaps"},"code":403}""",
            error.Response.Content);
        Assert.Equal("v1", unchanged.Data["state.json"]);
        Assert.Equal([403, 200, 200, 200], server.Requests.All.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task SetRbacRules_TheGatewaysRole_AllowsItsRequestsAndForbidsTheRest()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1"));
        server.Upsert(Objects.Deployment(Objects.Stable, "kubeapp:1.0"));
        server.Upsert(Objects.Deployment(Objects.Canary, "kubeapp:2.0"));
        server.SetRbacRules(GatewayRole());
        var scaleDown = new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch);

        await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Objects.Namespace, labelSelector: Slices.StableSelector);
        await client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace, fieldSelector: $"metadata.name={Objects.Rollout}");
        await client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("created", "{}"), Objects.Namespace);
        await client.AppsV1.ReadNamespacedDeploymentAsync(Objects.Canary, Objects.Namespace);
        await client.AppsV1.PatchNamespacedDeploymentAsync(scaleDown, Objects.Stable, Objects.Namespace);
        await client.EventsV1.CreateNamespacedEventAsync(Objects.Event("Progressing", "step 0"), Objects.Namespace);
        var listAll = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync(Objects.Namespace));
        var readCreated = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("created", Objects.Namespace));
        var patchCanary = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.PatchNamespacedDeploymentAsync(scaleDown, Objects.Canary, Objects.Namespace));
        var delete = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.DeleteNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace));

        Assert.All([listAll, readCreated, patchCanary, delete], e => Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode));
        Assert.Contains(
            "\"message\":\"configmaps is forbidden: User \\\"system:serviceaccount:production:canary-gateway\\\" cannot list resource \\\"configmaps\\\" in API group \\\"\\\" in the namespace \\\"production\\\"\",\"reason\":\"Forbidden\",\"details\":{\"kind\":\"configmaps\"}",
            listAll.Response.Content, StringComparison.Ordinal);
        Assert.Contains("deployments.apps \\\"kubeapp-canary\\\" is forbidden", patchCanary.Response.Content, StringComparison.Ordinal);
        Assert.Equal(3, server.Get<V1Deployment>(Objects.Namespace, Objects.Canary)!.Spec.Replicas);
        Assert.NotNull(server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout));
    }

    [Fact]
    public async Task SetRbacRules_Null_AllowsEverythingAgain()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        server.SetRbacRules([]);
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Objects.Namespace));

        server.SetRbacRules(null);
        var list = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Objects.Namespace);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        Assert.Empty(list.Items);
    }

    /// <summary>The Role DESIGN.md gives the gateway for rollouts across replicas.</summary>
    private static V1PolicyRule[] GatewayRole() =>
    [
        new() { ApiGroups = ["discovery.k8s.io"], Resources = ["endpointslices"], Verbs = ["get", "list", "watch"] },
        new() { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = [Objects.Rollout], Verbs = ["get", "list", "watch", "update"] },
        new() { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], ResourceNames = [Objects.Rollout], Verbs = ["get", "update"] },
        new() { ApiGroups = ["", "coordination.k8s.io"], Resources = ["configmaps", "leases"], Verbs = ["create"] },
        new() { ApiGroups = ["apps"], Resources = ["deployments"], ResourceNames = [Objects.Stable, Objects.Canary], Verbs = ["get"] },
        new() { ApiGroups = ["apps"], Resources = ["deployments"], ResourceNames = [Objects.Stable], Verbs = ["patch"] },
        new() { ApiGroups = ["events.k8s.io"], Resources = ["events"], Verbs = ["create"] },
    ];
}
