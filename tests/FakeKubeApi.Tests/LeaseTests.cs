using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>The Lease calls LeaseLock makes (read, create, replace), with their failures as kube-apiserver words them.</summary>
public class LeaseTests
{
    [Fact]
    public async Task CreateNamespacedLease_Taken_Throws409AlreadyExistsNamingTheGroup()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("a"), Objects.Namespace);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("b"), Objects.Namespace));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"leases.coordination.k8s.io \"canary-gateway-rollout\" already exists","reason":"AlreadyExists","details":{"name":"canary-gateway-rollout","group":"coordination.k8s.io","kind":"leases"},"code":409}""",
            error.Response.Content);
    }

    [Fact]
    public async Task ReplaceNamespacedLease_AfterAnotherHolderRenewed_Throws409Conflict()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var mine = await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("a"), Objects.Namespace);
        var theirs = await client.CoordinationV1.ReadNamespacedLeaseAsync(Objects.Rollout, Objects.Namespace);
        theirs.Spec.HolderIdentity = "b";
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(theirs, Objects.Rollout, Objects.Namespace);

        mine.Spec.RenewTime = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReplaceNamespacedLeaseAsync(mine, Objects.Rollout, Objects.Namespace));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Operation cannot be fulfilled on leases.coordination.k8s.io \\\"canary-gateway-rollout\\\": the object has been modified", error.Response.Content, StringComparison.Ordinal);
        Assert.Equal("b", server.Get<V1Lease>(Objects.Namespace, Objects.Rollout)!.Spec.HolderIdentity);
    }

    [Fact]
    public async Task ReadNamespacedLease_Missing_Throws404AsLeaseLockExpectsBeforeCreating()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoordinationV1.ReadNamespacedLeaseAsync(Objects.Rollout, Objects.Namespace));

        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        Assert.Contains("leases.coordination.k8s.io \\\"canary-gateway-rollout\\\" not found", error.Response.Content, StringComparison.Ordinal);
    }

    private static V1Lease Lease(string holder) => new()
    {
        Metadata = new V1ObjectMeta { Name = Objects.Rollout, NamespaceProperty = Objects.Namespace },
        Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15, AcquireTime = DateTime.UtcNow, RenewTime = DateTime.UtcNow },
    };
}
