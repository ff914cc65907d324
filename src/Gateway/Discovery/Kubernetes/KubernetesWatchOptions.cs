namespace Gateway.Discovery.Kubernetes;

/// <summary>Timings of the EndpointSlice watch (DESIGN.md "Kubernetes discovery"); tests shorten them.</summary>
public sealed class KubernetesWatchOptions
{
    /// <summary>First retry delay after an API error; doubles per failure. Default 500 ms.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the retry delay. Default 30 s.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A watch stream that delivers nothing (not even a bookmark) for this long is re-opened. Default 5 min.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest time a burst of changes is held before one YARP update. Default 100 ms.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A burst ends early after this long without a new change. Default 15 ms.</summary>
    public TimeSpan CoalesceQuiet { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// The wait before retry number <paramref name="failures"/> (1 for the first): exponential from
    /// <see cref="BackoffInitial"/>, capped at <see cref="BackoffMax"/>, with "equal jitter" (50–100 %) so that watchers
    /// failing together do not retry together. Shared by every list-and-watch loop of the gateway.
    /// </summary>
    public TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 20);
        var ceiling = Math.Min(BackoffMax.TotalMilliseconds, BackoffInitial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
