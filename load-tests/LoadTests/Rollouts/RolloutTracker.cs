using LoadTests.Http;
using LoadTests.Scenarios;
using LoadTests.Statistics;

namespace LoadTests.Rollouts;

/// <summary>
/// The rollout scenario's bookkeeping beside <see cref="RunStatistics"/>: each user's first track, its moves between
/// tracks, the answers while rolled back, and failures per track. Only first answers and moves are kept per user, so
/// a long run stays small. Every answer is kept while the last poll says RolledBack: normally only during the
/// <c>--tail</c>; a run that starts on an earlier rollback keeps them while it waits for the next rollout (a few MB).
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
    private long _movesToCanary;
    private int _users;

    public IUserObserver UserStarted(int group) => new RolloutUser(this, Interlocked.Increment(ref _users));

    IUserObserver? IRunObserver.UserStarted(int group) => UserStarted(group);

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

    private void Record(int user, in RequestOutcome outcome, ref bool first, ref ObservedAnswer? last)
    {
        var routed = RoutedToCanary(outcome);
        var label = TrackLabel(outcome.Track);
        var answer = routed is { } canary ? new ObservedAnswer(user, outcome.AtSeconds - (outcome.LatencyMicros / 1e6), outcome.AtSeconds, canary) : (ObservedAnswer?)null;
        var inRollback = rolledBack();
        lock (_lock)
        {
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

            if (first)
            {
                _firstAnswers.Add(a);
                first = false;
            }

            if (last is { Canary: true } previous && !a.Canary)
            {
                _movesBack.Add(new MoveBack(user, previous, a));
            }
            else if (last is { Canary: false } && a.Canary)
            {
                _movesToCanary++;
            }

            if (inRollback)
            {
                _rollbackAnswers.Add(a);
            }
        }

        last = answer;
    }

    /// <summary>One user's state: its first answer is still to come, and the track of its last answer.</summary>
    private sealed class RolloutUser(RolloutTracker tracker, int id) : IUserObserver
    {
        private bool _first = true;
        private ObservedAnswer? _last;

        public void Observe(in RequestOutcome outcome) => tracker.Record(id, outcome, ref _first, ref _last);
    }
}
