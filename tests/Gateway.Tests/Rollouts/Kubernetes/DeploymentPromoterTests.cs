using System.Net;
using FakeKubeApi;
using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;
using k8s;
using k8s.Models;
using static Gateway.Tests.Rollouts.Kubernetes.PromotionCluster;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>Promotion <c>Deployment</c> against the fake API server, through the real KubernetesClient.</summary>
public sealed class DeploymentPromoterTests : IAsyncLifetime
{
    private PromotionCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PromotionCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AdvanceAsync_StableRunsAnOlderTemplate_PatchesStableToExactlyTheCanarysPodSpec()
    {
        var canary = _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1, env: [("GREETING", "hello")]));
        var stable = Deployment(StableName, "kubeapp:1.0", replicas: 3, env: [("GREETING", "hi"), ("LEGACY_MODE", "on")]);
        // A pod-level field only stable has: a merge patch of the pod spec would keep it.
        stable.Spec.Template.Spec.NodeSelector = new Dictionary<string, string> { ["pool"] = "legacy" };
        var before = _cluster.RolledOut(stable);

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        var after = _cluster.Get(StableName);
        Assert.Equal(new PromotionProgress(PromotionStatus.Waiting, $"patched stable {StableName} with canary's template (app=kubeapp:2.0)"), progress);
        Assert.Equal(KubernetesJson.Serialize(canary.Spec.Template.Spec), KubernetesJson.Serialize(after.Spec.Template.Spec));
        Assert.Equal([("GREETING", "hello")], after.Spec.Template.Spec.Containers.Single().Env.Select(e => (e.Name, e.Value)));
        Assert.Null(after.Spec.Template.Spec.NodeSelector);
        // Stable's own identity stays: its selector would reject the canary's pod labels.
        Assert.Equal(before.Spec.Template.Metadata.Labels, after.Spec.Template.Metadata.Labels);
        Assert.Equal(before.Spec.Selector.MatchLabels, after.Spec.Selector.MatchLabels);
        Assert.Equal(3, after.Spec.Replicas);
        Assert.Equal(before.Metadata.Generation + 1, after.Metadata.Generation);
        Assert.StartsWith("application/json-patch+json", Assert.Single(_cluster.Patches(StableName)).ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_StableRolledOutTheCanarysTemplate_DoneAndNeverPatchesAgain()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1, env: [("GREETING", "hello")]));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3, env: [("LEGACY_MODE", "on")]));
        var promoter = Promoter();
        var patched = await promoter.AdvanceAsync(CancellationToken.None);
        var notYet = await promoter.AdvanceAsync(CancellationToken.None);

        _cluster.Api.CompleteDeploymentRollout(Namespace, StableName);
        var done = await promoter.AdvanceAsync(CancellationToken.None);
        var again = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(PromotionStatus.Waiting, patched.Status);
        Assert.Equal(new PromotionProgress(PromotionStatus.Waiting, $"waiting for stable {StableName} to roll out: the Deployment controller has not seen generation 2 yet"), notYet);
        Assert.Equal(new PromotionProgress(PromotionStatus.Done, $"stable {StableName} runs app=kubeapp:2.0, 3 of 3 replicas updated and available"), done);
        Assert.Equal(done, again);
        Assert.Single(_cluster.Patches(StableName));
        Assert.Empty(_cluster.Patches(CanaryName));
    }

    [Fact]
    public async Task AdvanceAsync_StableHalfwayThroughItsRollout_WaitingWithTheCounts()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));
        var promoter = Promoter();
        await promoter.AdvanceAsync(CancellationToken.None);
        var stable = _cluster.Get(StableName);
        stable.Status = new V1DeploymentStatus { ObservedGeneration = stable.Metadata.Generation, Replicas = 4, UpdatedReplicas = 1, AvailableReplicas = 3 };
        _cluster.Api.Upsert(stable);
        var rolling = await promoter.AdvanceAsync(CancellationToken.None);

        stable.Status = new V1DeploymentStatus { ObservedGeneration = stable.Metadata.Generation, Replicas = 4, UpdatedReplicas = 3, AvailableReplicas = 3 };
        _cluster.Api.Upsert(stable);
        var terminating = await promoter.AdvanceAsync(CancellationToken.None);

        Assert.Equal(new PromotionProgress(PromotionStatus.Waiting, $"waiting for stable {StableName} to roll out: 1 of 3 updated, 3 available"), rolling);
        Assert.Equal(new PromotionProgress(PromotionStatus.Waiting, $"waiting for stable {StableName} to roll out: 1 old replica(s) pending termination"), terminating);
    }

    [Fact]
    public async Task AdvanceAsync_StableScaledToZero_DoneOnceTheControllerObservedIt()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 0));
        var promoter = Promoter();
        await promoter.AdvanceAsync(CancellationToken.None);

        _cluster.Api.CompleteDeploymentRollout(Namespace, StableName);
        var done = await promoter.AdvanceAsync(CancellationToken.None);

        Assert.Equal(new PromotionProgress(PromotionStatus.Done, $"stable {StableName} runs app=kubeapp:2.0, 0 of 0 replicas updated and available"), done);
    }

    [Fact]
    public async Task AdvanceAsync_ProgressDeadlineExceeded_FailedWithTheControllersMessage()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        var stable = Deployment(StableName, "kubeapp:2.0", replicas: 3);
        stable.Metadata.Generation = 2;
        stable.Status = new V1DeploymentStatus
        {
            ObservedGeneration = 2,
            Replicas = 4,
            UpdatedReplicas = 1,
            AvailableReplicas = 3,
            Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded", Message = $"ReplicaSet \"{StableName}-6b8d7f5c9\" has timed out progressing." }],
        };
        _cluster.Api.Upsert(stable);

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(new PromotionProgress(PromotionStatus.Failed, $"stable {StableName} exceeded its progress deadline: ReplicaSet \"{StableName}-6b8d7f5c9\" has timed out progressing."), progress);
        Assert.Empty(_cluster.Patches(StableName));
    }

    [Fact]
    public async Task AdvanceAsync_PatchForbidden_FailedNamingTheDeploymentAnd403_ThenRecovers()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));
        _cluster.Api.Forbid(KubeApiVerb.Patch, "deployments", StableName);
        var promoter = Promoter();

        var forbidden = await promoter.AdvanceAsync(CancellationToken.None);
        var unchanged = _cluster.Get(StableName);
        _cluster.Api.ClearForbidden();
        var patched = await promoter.AdvanceAsync(CancellationToken.None);
        _cluster.Api.CompleteDeploymentRollout(Namespace, StableName);
        var done = await promoter.AdvanceAsync(CancellationToken.None);

        Assert.Equal(PromotionStatus.Failed, forbidden.Status);
        Assert.StartsWith($"cannot patch Deployment {StableName}: 403 Forbidden (deployments.apps \"{StableName}\" is forbidden: User ", forbidden.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', forbidden.Reason);
        Assert.Equal("kubeapp:1.0", unchanged.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal((PromotionStatus.Waiting, PromotionStatus.Done), (patched.Status, done.Status));
        await _cluster.Logs.WaitForAsync(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("403 Forbidden", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AdvanceAsync_StableDeploymentMissing_FailedNamingIt()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(new PromotionProgress(PromotionStatus.Failed, $"cannot get Deployment {StableName}: 404 Not Found (deployments.apps \"{StableName}\" not found)"), progress);
    }

    [Fact]
    public async Task AdvanceAsync_CanaryDeploymentMissing_FailedNamingIt()
    {
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(PromotionStatus.Failed, progress.Status);
        Assert.StartsWith($"cannot get Deployment {CanaryName}: 404 Not Found", progress.Reason, StringComparison.Ordinal);
        Assert.Empty(_cluster.Patches(StableName));
    }

    [Fact]
    public async Task AdvanceAsync_PatchConflicts_FailedWith409()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));
        _cluster.Api.FailNextRequests(1, HttpStatusCode.Conflict, KubeApiVerb.Patch, "deployments", StableName);

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(PromotionStatus.Failed, progress.Status);
        Assert.StartsWith($"cannot patch Deployment {StableName}: 409 Conflict", progress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_ApiServerAway_FailedWithoutThrowing()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));
        await _cluster.Api.SetOutageAsync(true);

        var progress = await Promoter().AdvanceAsync(CancellationToken.None);

        Assert.Equal(PromotionStatus.Failed, progress.Status);
        Assert.StartsWith($"cannot get Deployment {CanaryName}: API server unreachable (", progress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_Cancelled_Throws()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        _cluster.RolledOut(Deployment(StableName, "kubeapp:1.0", replicas: 3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Promoter().AdvanceAsync(new CancellationToken(canceled: true)));
        Assert.Empty(_cluster.Patches(StableName));
    }

    [Fact]
    public async Task ScaleDownCanaryAsync_SetsTheCanarysReplicasToZeroOnly()
    {
        var before = _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 2, env: [("GREETING", "hello")]));

        var error = await Promoter().ScaleDownCanaryAsync(CancellationToken.None);

        var after = _cluster.Get(CanaryName);
        Assert.Null(error);
        Assert.Equal(0, after.Spec.Replicas);
        Assert.Equal(KubernetesJson.Serialize(before.Spec.Template), KubernetesJson.Serialize(after.Spec.Template));
        Assert.StartsWith("application/merge-patch+json", Assert.Single(_cluster.Patches(CanaryName)).ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleDownCanaryAsync_Forbidden_ReturnsTheReason()
    {
        _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 2));
        _cluster.Api.Forbid(KubeApiVerb.Patch, "deployments", CanaryName);

        var error = await Promoter().ScaleDownCanaryAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.StartsWith($"cannot scale Deployment {CanaryName} to 0: 403 Forbidden (deployments.apps \"{CanaryName}\" is forbidden", error, StringComparison.Ordinal);
        Assert.Equal(2, _cluster.Get(CanaryName).Spec.Replicas);
    }

    private DeploymentPromoter Promoter() => new(_cluster.Client, Namespace, StableName, CanaryName, _cluster.Logger<DeploymentPromoter>());
}
