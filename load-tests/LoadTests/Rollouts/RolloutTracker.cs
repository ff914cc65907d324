using LoadTests.Http;
using LoadTests.Scenarios;
using LoadTests.Statistics;

namespace LoadTests.Rollouts;

/// <summary>
/// The rollout scenario's bookkeeping beside <see cref="RunStatistics"/>: each user's first track, its moves between
/// tracks, the answers while rolled back, and failures per track. Only first answers and moves are kept per user, so
/// a long run stays small. Every answer is kept while the last poll says RolledBack: normally only during the
/// <c>--tail</c>; a run that starts on an earlier rollback keeps them while it waits for the next rollout (a few MB).
/// It also knows which users are still active, so the tail can wait until each of them was seen after the final phase.
/// </summary>
internal sealed class RolloutTracker(TargetSettings target, Func<bool> rolledBack) : IRunObserver
{
    /// <summary>The track label of requests without an <c>X-Canary-Track</c> header (no answer, or not the gateway).</summary>
    public const string NoTrack = "none";

    private readonly Lock _lock = new();
    private readonly List<ObservedAnswer> _firstAnswers = [];
    private readonly List<MoveBack> _movesBack = [];
    private readonly List<ObservedAnswer> _rollbackAnswers = [];
    private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _errors = new(StringComparer.Ordinal);
    private readonly HashSet<RolloutUser> _active = [];
    private Waiter? _waiter;
    private long _movesToCanary;
    private int _users;

    public IUserObserver UserStarted(int group)
    {
        var user = new RolloutUser(this, Interlocked.Increment(ref _users));
        lock (_lock)
        {
            _active.Add(user);
        }

        return user;
    }

    IUserObserver? IRunObserver.UserStarted(int group) => UserStarted(group);

    /// <summary>
    /// Completes once every user active now has made a request that started at or after <paramref name="since"/>
    /// (seconds on the run's clock; answered or failed) or is done: then what each of them does after that moment is
    /// known, however long the machine took to get there. One wait at a time.
    /// </summary>
    public Task SeenAgainAsync(double since)
    {
        lock (_lock)
        {
            var pending = _active.Where(u => !(u.LastStart >= since)).ToHashSet();
            if (pending.Count == 0)
            {
                return Task.CompletedTask;
            }

            _waiter = new Waiter(since, pending);
            return _waiter.Done.Task;
        }
    }

    public RolloutObservations Snapshot()
    {
        lock (_lock)
        {
            return new RolloutObservations(
                _firstAnswers.ToArray(),
                _movesBack.ToArray(),
                _movesToCanary,
                _rollbackAnswers.ToArray(),
                new Dictionary<string, long>(_requests, StringComparer.Ordinal),
                _errors.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(kv.Value, StringComparer.Ordinal), StringComparer.Ordinal));
        }
    }

    /// <summary>The track an answer was routed to: the track header, else the version in the body; null when neither says.</summary>
    private bool? RoutedToCanary(in RequestOutcome outcome)
    {
        if (outcome.Error == ErrorKinds.TrackMismatch)
        {
            // Header and body disagree: neither can be trusted to place the user (the error itself fails the run).
            return null;
        }

        var label = TrackLabel(outcome.Track);
        if (label is "canary" or "stable")
        {
            return label == "canary";
        }

        return outcome.Version is { } version ? string.Equals(version, target.CanaryVersion, StringComparison.Ordinal) : null;
    }

    private static string TrackLabel(string? track) =>
        track is null ? NoTrack
        : string.Equals(track, "canary", StringComparison.OrdinalIgnoreCase) ? "canary"
        : string.Equals(track, "stable", StringComparison.OrdinalIgnoreCase) ? "stable"
        : track;

    private void Record(RolloutUser user, in RequestOutcome outcome)
    {
        var routed = RoutedToCanary(outcome);
        var label = TrackLabel(outcome.Track);
        var start = outcome.AtSeconds - (outcome.LatencyMicros / 1e6);
        var answer = routed is { } canary ? new ObservedAnswer(user.Id, start, outcome.AtSeconds, canary) : (ObservedAnswer?)null;
        var inRollback = rolledBack();
        lock (_lock)
        {
            user.LastStart = start;
            if (_waiter is { } waiter && start >= waiter.Since)
            {
                waiter.Seen(user);
            }

            _requests[label] = _requests.GetValueOrDefault(label) + 1;
            if (outcome.Error is { } error)
            {
                if (!_errors.TryGetValue(label, out var kinds))
                {
                    _errors[label] = kinds = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                kinds[error] = kinds.GetValueOrDefault(error) + 1;
            }

            if (answer is not { } a)
            {
                return;
            }

            if (user.Last is null)
            {
                _firstAnswers.Add(a);
            }

            if (user.Last is { Canary: true } previous && !a.Canary)
            {
                _movesBack.Add(new MoveBack(user.Id, previous, a));
            }
            else if (user.Last is { Canary: false } && a.Canary)
            {
                _movesToCanary++;
            }

            if (inRollback)
            {
                _rollbackAnswers.Add(a);
            }

            user.Last = a;
        }
    }

    private void Finish(RolloutUser user)
    {
        lock (_lock)
        {
            _active.Remove(user);
            _waiter?.Seen(user);
        }
    }

    /// <summary>One user's state: its last answer that named a track (none yet: the next one is its first), and when its last request started.</summary>
    private sealed class RolloutUser(RolloutTracker tracker, int id) : IUserObserver
    {
        public int Id { get; } = id;

        /// <summary>Written under the tracker's lock.</summary>
        public ObservedAnswer? Last { get; set; }

        /// <summary>Seconds on the run's clock; NaN before the first request. Written under the tracker's lock.</summary>
        public double LastStart { get; set; } = double.NaN;

        public void Observe(in RequestOutcome outcome) => tracker.Record(this, outcome);

        public void Finished() => tracker.Finish(this);
    }

    /// <summary><see cref="SeenAgainAsync"/>: the users still to be seen after <see cref="Since"/>.</summary>
    private sealed class Waiter(double since, HashSet<RolloutUser> pending)
    {
        public double Since { get; } = since;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Seen(RolloutUser user)
        {
            if (pending.Remove(user) && pending.Count == 0)
            {
                Done.TrySetResult();
            }
        }
    }
}
