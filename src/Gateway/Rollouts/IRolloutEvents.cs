namespace Gateway.Rollouts;

/// <summary>Tells the cluster about transitions (Kubernetes Events on the canary Deployment); a no-op in static mode.</summary>
internal interface IRolloutEvents
{
    /// <summary>Records one transition. Returns at once; failures are logged, never thrown (an Event is not worth a failed rollout).</summary>
    void Record(RolloutTransition transition, string revision);
}
