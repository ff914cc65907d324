using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Whether a Deployment has rolled out its current spec, judged as <c>kubectl rollout status</c> judges it: the
/// controller has seen the latest generation, every replica is updated and available, no old replica is left, and the
/// rollout has not exceeded its progress deadline.
/// </summary>
internal static class DeploymentRolloutStatus
{
    public static PromotionProgress Of(V1Deployment deployment, string name, string images)
    {
        var wanted = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        var updated = status?.UpdatedReplicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        var total = status?.Replicas ?? 0;
        var generation = deployment.Metadata?.Generation ?? 0;
        if ((status?.ObservedGeneration ?? 0) < generation)
        {
            return Waiting($"waiting for stable {name} to roll out: the Deployment controller has not seen generation {generation} yet");
        }

        if (status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } stuck)
        {
            // kubectl gives up here too: the controller stopped trying, so waiting longer will not help.
            return new PromotionProgress(PromotionStatus.Failed, $"stable {name} exceeded its progress deadline: {stuck.Message}".ReplaceLineEndings(" "));
        }

        if (updated < wanted || available < wanted)
        {
            return Waiting($"waiting for stable {name} to roll out: {updated} of {wanted} updated, {available} available");
        }

        if (total > updated)
        {
            return Waiting($"waiting for stable {name} to roll out: {total - updated} old replica(s) pending termination");
        }

        return new PromotionProgress(PromotionStatus.Done, $"stable {name} runs {images}, {wanted} of {wanted} replicas updated and available");
    }

    private static PromotionProgress Waiting(string reason) => new(PromotionStatus.Waiting, reason);
}
