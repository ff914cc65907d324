namespace Gateway.Rollouts.Kubernetes;

/// <summary>The Kubernetes objects rollouts use across replicas (DESIGN.md "Across gateway replicas").</summary>
internal static class RolloutObjectNames
{
    /// <summary>The ConfigMap holding the state, and the Lease the leader holds (both created by the gateway).</summary>
    public const string Shared = "canary-gateway-rollout";

    /// <summary>The ConfigMap key of the state document.</summary>
    public const string StateKey = "state.json";

    /// <summary>The management Service's port name peers are reached on.</summary>
    public const string ManagementPort = "management";

    /// <summary>The controller name on Events (<c>reportingController</c>).</summary>
    public const string Controller = "canary-gateway/rollout";
}
