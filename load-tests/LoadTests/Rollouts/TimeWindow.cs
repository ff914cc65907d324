namespace LoadTests.Rollouts;

/// <summary>A stretch of the run, in seconds since it started; empty when <see cref="To"/> ≤ <see cref="From"/>.</summary>
internal readonly record struct TimeWindow(double From, double To)
{
    public bool IsEmpty => To <= From;

    /// <summary>Whether the whole answer (from sending to the last byte) lies inside.</summary>
    public bool Contains(in ObservedAnswer answer) => answer.Start >= From && answer.End <= To;
}
