namespace Gateway.Rollouts;

/// <summary>
/// The cumulative traffic samples a check judges: this process's alone, or in Kubernetes mode every gateway replica's
/// (from each peer's <c>GET /rollout/sample</c>).
/// </summary>
internal interface IRolloutSamples
{
    /// <summary>One sample per replica reached; <see cref="SampleSet.Missing"/> names a peer that could not be read.</summary>
    Task<SampleSet> GatherAsync(CancellationToken cancellationToken);
}
