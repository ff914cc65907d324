namespace Gateway.Rollouts;

/// <summary>Static mode: there is no cluster to tell, so transitions are only in the history and the logs.</summary>
internal sealed class NullRolloutEvents : IRolloutEvents
{
    /// <summary>The one instance; it holds no state.</summary>
    public static NullRolloutEvents Instance { get; } = new();

    /// <inheritdoc />
    public void Record(RolloutTransition transition, string revision)
    {
    }
}
