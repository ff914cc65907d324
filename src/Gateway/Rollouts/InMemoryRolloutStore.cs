namespace Gateway.Rollouts;

/// <summary>One gateway's rollout state, in memory (lost on restart: the ready canary then counts as new).</summary>
internal sealed class InMemoryRolloutStore : IRolloutStore
{
    private RolloutState _current = RolloutState.Initial;

    public event Action<RolloutState>? Changed;

    public RolloutState Current => Volatile.Read(ref _current);

    public bool Synced => true;

    public ValueTask<bool> TryReplaceAsync(RolloutState expected, RolloutState next, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(Interlocked.CompareExchange(ref _current, next, expected), expected))
        {
            return ValueTask.FromResult(false);
        }

        Changed?.Invoke(next);
        return ValueTask.FromResult(true);
    }
}
