namespace Gateway.Rollouts;

/// <summary>
/// Where the rollout state lives. One process keeps it in memory; several replicas share it through Kubernetes. Writes
/// are compare-and-swap, as a resourceVersion precondition is: a lost race means re-read and decide again.
/// </summary>
internal interface IRolloutStore
{
    /// <summary>The latest state known here.</summary>
    RolloutState Current { get; }

    /// <summary>Raised after <see cref="Current"/> changed, whoever wrote it.</summary>
    event Action<RolloutState>? Changed;

    /// <summary>Whether <see cref="Current"/> reflects the shared state (listed at least once); always true in memory.</summary>
    bool Synced { get; }

    /// <summary>Replaces <paramref name="expected"/> with <paramref name="next"/>; false when the state changed in between.</summary>
    ValueTask<bool> TryReplaceAsync(RolloutState expected, RolloutState next, CancellationToken cancellationToken);
}
