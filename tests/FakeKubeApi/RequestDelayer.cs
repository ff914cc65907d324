namespace FakeKubeApi;

/// <summary>Holds back the answer to the next N API requests (optionally of one verb, resource and label selector).</summary>
internal sealed class RequestDelayer
{
    private readonly Lock _lock = new();
    private int _remaining;
    private TimeSpan _delay;
    private RequestMatch _match = RequestMatch.Any;
    private string? _labelSelector;

    public void DelayNext(int count, TimeSpan delay, RequestMatch match, string? labelSelector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_lock)
        {
            _remaining = count;
            _delay = delay;
            _match = match;
            _labelSelector = labelSelector;
        }
    }

    /// <summary>How long to hold this request back, or null to answer it at once.</summary>
    public TimeSpan? TryTake(KubeApiVerb verb, KubeApiRoute route, string? labelSelector)
    {
        lock (_lock)
        {
            if (_remaining == 0 || !_match.Matches(verb, route)
                || (_labelSelector is not null && !string.Equals(_labelSelector, labelSelector, StringComparison.Ordinal)))
            {
                return null;
            }

            _remaining--;
            return _delay;
        }
    }
}
