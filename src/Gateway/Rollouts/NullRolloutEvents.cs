namespace Gateway.Rollouts;

/// <summary>TEMPORARY (replaced by h/kpromo).</summary>
internal sealed class NullRolloutEvents : IRolloutEvents
{
    public void Record(RolloutTransition transition, string revision)
    {
    }
}
