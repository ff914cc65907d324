namespace LoadTests.Statistics;

/// <summary>One second of a run.</summary>
internal sealed class TimelineBucket(int second)
{
    public int Second { get; } = second;

    public long Requests { get; set; }

    public long Errors { get; set; }

    /// <summary>Requests whose body named a version.</summary>
    public long VersionedRequests { get; set; }

    public long CanaryRequests { get; set; }

    /// <summary>Users of split groups whose first version arrived in this second.</summary>
    public long NewUsers { get; set; }

    public long NewCanaryUsers { get; set; }
}
