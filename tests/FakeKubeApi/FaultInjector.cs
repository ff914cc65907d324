namespace FakeKubeApi;

/// <summary>Answers the next N API requests (optionally only those of one verb, resource and object name) with an error status.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private int _remaining;
    private int _statusCode;
    private RequestMatch _match = RequestMatch.Any;

    public void FailNext(int count, int statusCode, RequestMatch match)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_lock)
        {
            _remaining = count;
            _statusCode = statusCode;
            _match = match;
        }
    }

    /// <summary>The status to fail this request with, or null to serve it.</summary>
    public int? TryTake(KubeApiVerb verb, KubeApiRoute route)
    {
        lock (_lock)
        {
            if (_remaining == 0 || !_match.Matches(verb, route))
            {
                return null;
            }

            _remaining--;
            return _statusCode;
        }
    }
}
