using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>FailNextRequests and DelayNextRequests aimed at one resource, verb and object.</summary>
public class TargetedFaultTests
{
    [Fact]
    public async Task FailNextRequests_ConflictOnConfigMapUpdate_FailsOnlyThatWriteAndStoresNothing()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var state = server.Upsert(Objects.ConfigMap(Objects.Rollout, "v1"));
        server.FailNextRequests(1, HttpStatusCode.Conflict, KubeApiVerb.Update, "configmaps", Objects.Rollout);

        await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(Objects.Namespace);
        await client.CoreV1.ReadNamespacedConfigMapAsync(Objects.Rollout, Objects.Namespace);
        state.Data["state.json"] = "v2";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(state, Objects.Rollout, Objects.Namespace));
        var unchanged = server.Get<V1ConfigMap>(Objects.Namespace, Objects.Rollout)!;
        var retried = await client.CoreV1.ReplaceNamespacedConfigMapAsync(state, Objects.Rollout, Objects.Namespace);

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\",\"details\":{\"name\":\"canary-gateway-rollout\",\"kind\":\"configmaps\"},\"code\":409", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal("v1", unchanged.Data["state.json"]);
        Assert.Equal("v2", retried.Data["state.json"]);
        Assert.Equal([200, 200, 409, 200], server.Requests.All.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task DelayNextRequests_LeaseUpdate_CommitsAtOnceAndAnswersLate()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = Objects.Rollout }, Spec = new V1LeaseSpec { HolderIdentity = "a" } }, Objects.Namespace);
        server.DelayNextRequests(1, TimeSpan.FromHours(1), KubeApiVerb.Update, resource: "leases");
        using var giveUp = new CancellationTokenSource();

        lease.Spec.HolderIdentity = "b";
        var held = client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, Objects.Rollout, Objects.Namespace, cancellationToken: giveUp.Token);
        var committed = await server.WaitForAsync<V1Lease>(Objects.Namespace, l => l.Spec.HolderIdentity == "b", Waits.Timeout);
        var read = await client.CoordinationV1.ReadNamespacedLeaseAsync(Objects.Rollout, Objects.Namespace);
        var stillHeld = !held.IsCompleted;
        await giveUp.CancelAsync();

        Assert.True(stillHeld);
        Assert.Equal(("b", committed.Metadata.ResourceVersion), (read.Spec.HolderIdentity, read.Metadata.ResourceVersion));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
    }
}
