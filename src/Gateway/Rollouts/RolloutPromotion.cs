namespace Gateway.Rollouts;

/// <summary>What a rollout does once its last step passed (<c>Gateway:Rollout:Promotion</c>).</summary>
public enum RolloutPromotion
{
    /// <summary>Stay <c>Promoted</c> (weight 100) until an operator updates stable and calls <c>reset</c> or <c>start</c>.</summary>
    Manual,

    /// <summary>Copy the canary Deployment's pod template to the stable Deployment (Kubernetes mode, several replicas).</summary>
    Deployment,
}
