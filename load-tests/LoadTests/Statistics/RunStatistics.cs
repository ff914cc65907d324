namespace LoadTests.Statistics;

/// <summary>
/// Collects every outcome of a run: per group, per version, per second. Virtual users report concurrently; one lock
/// keeps the figures consistent for live snapshots (a load generator's cost, not the gateway's hot path).
/// </summary>
internal sealed class RunStatistics
{
    private readonly Lock _lock = new();
    private readonly List<TimelineBucket> _timeline = [];
    private readonly Queue<(double At, long Requests)> _recent = new();

    public RunStatistics(IReadOnlyList<(string Name, Expectation Expectation)> groups, string canaryVersion)
    {
        Groups = groups.Select(g => new GroupStatistics(g.Name, g.Expectation)).ToArray();
        CanaryVersion = canaryVersion;
    }

    public IReadOnlyList<GroupStatistics> Groups { get; }

    public string CanaryVersion { get; }

    /// <summary>The timeline; read it only after the run.</summary>
    public IReadOnlyList<TimelineBucket> Timeline => _timeline;

    public void UserStarted(int group)
    {
        lock (_lock)
        {
            Groups[group].UsersStarted++;
        }
    }

    public void UserFinished(int group, UserObservation user)
    {
        lock (_lock)
        {
            var stats = Groups[group];
            stats.UsersFinished++;
            if (user.ForcedViolations > 0)
            {
                stats.ForcedViolationUsers++;
            }
        }
    }

    /// <summary>Records one request and what it changed for its user.</summary>
    public void Record(int group, in RequestOutcome outcome, VersionChange change)
    {
        lock (_lock)
        {
            var stats = Groups[group];
            stats.Requests++;
            if (outcome.StatusCode > 0)
            {
                // Latency of answers only: a refused connection's few microseconds would flatter the percentiles.
                stats.Latency.Record(outcome.LatencyMicros);
            }

            var bucket = BucketAt(outcome.AtSeconds);
            bucket.Requests++;

            if (outcome.Error is { } error)
            {
                stats.ErrorRequests++;
                stats.Errors[error] = stats.Errors.GetValueOrDefault(error) + 1;
                bucket.Errors++;
            }

            if (outcome.Version is { } version)
            {
                stats.VersionRequests[version] = stats.VersionRequests.GetValueOrDefault(version) + 1;
                if (!stats.VersionLatency.TryGetValue(version, out var latency))
                {
                    stats.VersionLatency[version] = latency = new LatencyHistogram();
                }

                latency.Record(outcome.LatencyMicros);
                bucket.VersionedRequests++;
                var isCanary = string.Equals(version, CanaryVersion, StringComparison.Ordinal);
                if (isCanary)
                {
                    bucket.CanaryRequests++;
                }

                if (outcome.Track is null)
                {
                    stats.TrackHeaderMissing++;
                }

                if (change == VersionChange.First)
                {
                    stats.VersionUsers[version] = stats.VersionUsers.GetValueOrDefault(version) + 1;
                    if (stats.Expectation == Expectation.Split)
                    {
                        bucket.NewUsers++;
                        bucket.NewCanaryUsers += isCanary ? 1 : 0;
                    }
                }
                else if (change == VersionChange.BecameViolation)
                {
                    stats.StickinessViolations++;
                }
            }

            if (outcome.ForcedViolation)
            {
                stats.ForcedViolationRequests++;
            }
        }
    }

    /// <summary>Totals so far, and the request rate over the last <paramref name="window"/>.</summary>
    public LiveSnapshot Snapshot(TimeSpan elapsed, TimeSpan window)
    {
        lock (_lock)
        {
            long requests = 0, errors = 0, started = 0, finished = 0, violations = 0, forced = 0, versioned = 0, canaryRequests = 0, splitUsers = 0, canaryUsers = 0;
            foreach (var g in Groups)
            {
                requests += g.Requests;
                errors += g.ErrorRequests;
                started += g.UsersStarted;
                finished += g.UsersFinished;
                violations += g.StickinessViolations;
                forced += g.ForcedViolationRequests;
                if (g.Expectation == Expectation.Split)
                {
                    versioned += g.VersionRequests.Values.Sum();
                    canaryRequests += g.VersionRequests.GetValueOrDefault(CanaryVersion);
                    splitUsers += g.UsersWithVersion;
                    canaryUsers += g.VersionUsers.GetValueOrDefault(CanaryVersion);
                }
            }

            var now = elapsed.TotalSeconds;
            _recent.Enqueue((now, requests));
            // Keep the newest sample at least a window old, so the rate spans the whole window.
            while (_recent.Count > 2 && now - _recent.ElementAt(1).At >= window.TotalSeconds)
            {
                _recent.Dequeue();
            }

            var (oldestAt, oldestRequests) = _recent.Peek();
            var rps = now - oldestAt > 0 ? (requests - oldestRequests) / (now - oldestAt) : 0;
            return new LiveSnapshot(
                elapsed,
                requests,
                errors,
                started,
                finished,
                splitUsers,
                splitUsers == 0 ? 0 : 100.0 * canaryUsers / splitUsers,
                versioned == 0 ? 0 : 100.0 * canaryRequests / versioned,
                violations,
                forced,
                rps);
        }
    }

    private TimelineBucket BucketAt(double seconds)
    {
        var second = Math.Max(0, (int)seconds);
        while (_timeline.Count <= second)
        {
            _timeline.Add(new TimelineBucket(_timeline.Count));
        }

        return _timeline[second];
    }
}
