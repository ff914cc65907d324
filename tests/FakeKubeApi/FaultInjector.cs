namespace FakeKubeApi;

/// <summary>Answers the next N API requests (optionally of one verb) with an error status.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private int _remaining;
    private int _statusCode;
    private KubeApiVerb? _only;

    public void FailNext(int count, int statusCode, KubeApiVerb? only)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_lock)
        {
            _remaining = count;
            _statusCode = statusCode;
            _only = only;
        }
    }

    /// <summary>The status to fail this request with, or null to serve it.</summary>
    public int? TryTake(KubeApiVerb verb)
    {
        lock (_lock)
        {
            if (_remaining == 0 || (_only is not null && _only != verb))
            {
                return null;
            }

            _remaining--;
            return _statusCode;
        }
    }
}
