using System.Globalization;

namespace LoadTests.Tests.Infrastructure;

/// <summary>
/// What <see cref="FakeRolloutGateway"/> does: the state its rollout is in, how each request is routed, and when the
/// next change comes — decided by the polls it answers and the requests it sees, never by a clock, so a loaded
/// machine makes a run slower but never changes what the tool must conclude.
/// <para>
/// The tool judges a user's first answer in a step only if the request started after the first poll showing the
/// step was read, and its answer was read before the last poll showing it was sent; a request that reached the fake
/// late, or an answer read late, falls outside. So the fake changes state at quiet points:
/// (1) once a state has its new users (and its fault), the fake holds every request, unrouted;
/// (2) holding <see cref="FakeRolloutScript.MaxActiveUsers"/> requests, it holds every user the tool has (the tool
/// never runs more at once): nobody is on the way, and every answer given so far has been read (a held user read its
/// previous one before asking again, the others are done);
/// (3) the poll after that is sent after it, the next one after that poll was read, and the third one makes the change;
/// (4) the fourth answers the held requests, in the new state: a user starting later started after the change was read.
/// </para>
/// <para>
/// So the new users answered between two quiet points — and no others — are the ones the tool judges in that state;
/// those held across a change are judged nowhere. New users' buckets follow the golden-ratio sequence in routing
/// order, so a state's judged users are consecutive terms and split almost exactly by the weight. The held users
/// also decide whether the change may come: a rise needs a returning user that moves to canary with it, the final
/// phase one that comes back after it (to canary, when the fake keeps canary users); without one the fake answers
/// everyone in the current state and gathers again.
/// </para>
/// </summary>
internal sealed class FakeRolloutDirector
{
    private static readonly double Golden = (Math.Sqrt(5) - 1) / 2;

    private readonly FakeRolloutScript _script;
    private readonly List<FakeRolloutState> _states;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, FakeRolloutUser> _users = [];
    private readonly List<Held> _held = [];
    private readonly List<FakeRolloutTransition> _history = [];
    private readonly List<string> _log = [];
    private readonly List<string> _problems = [];
    private readonly List<int> _judged = [0];
    private int _state;
    private int _polls;
    private bool _holding = true;
    private bool _started;
    private int _fullAtPoll;
    private int _releaseAtPoll;
    private int _newUsers;
    private bool _certain;
    private int _movedBack;
    private long _stableAnswers;
    private long _canaryAnswers;

    public FakeRolloutDirector(FakeRolloutScript script)
    {
        _script = script;
        _states = FakeRolloutState.Plan(script);
    }

    /// <summary>Users moved back from canary to stable whose canary answer the tool certainly places in the rollout.</summary>
    public int MovedBack
    {
        get
        {
            lock (_lock)
            {
                return _movedBack;
            }
        }
    }

    /// <summary>
    /// New users per state (by index: Idle, the steps, the final phase) that the tool judges there: answered between
    /// the state's quiet points. The final phase's go on until the run stops, some after the tool stopped looking.
    /// </summary>
    public IReadOnlyList<int> JudgedNewUsers
    {
        get
        {
            lock (_lock)
            {
                return _judged.ToArray();
            }
        }
    }

    /// <summary>What the fake could not do as the script says (a test must find none).</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return _problems.ToArray();
            }
        }
    }

    /// <summary>One poll: maybe a change (or the held requests answered), then the state to show.</summary>
    public (FakeRolloutState State, IReadOnlyList<FakeRolloutTransition> History) Poll()
    {
        lock (_lock)
        {
            _polls++;
            if (_releaseAtPoll == _polls)
            {
                _releaseAtPoll = 0;
                _started = true;
                _holding = false;
                _fullAtPoll = 0;
                Release(judged: false);
                _certain |= _states[_state].Phase == "Progressing";
                HoldIfDone();
            }
            else if (_holding && _fullAtPoll > 0 && _releaseAtPoll == 0 && _polls >= _fullAtPoll + 3)
            {
                if (!_started)
                {
                    // The first quiet point: users start only now, after polls that were read before.
                    _releaseAtPoll = _polls + 1;
                }
                else if (WhyNotChange() is { } why)
                {
                    Log($"answers the {_held.Count} held requests in {Describe(_state)} and gathers again: {why}");
                    _fullAtPoll = 0;
                    Release(judged: true);
                }
                else
                {
                    var from = _states[_state];
                    _state++;
                    _judged.Add(0);
                    var to = _states[_state];
                    _history.Add(new FakeRolloutTransition(DateTimeOffset.UtcNow, from.Phase, to.Phase, to.Step, to.Weight, to.Reason));
                    Log($"{from.Phase} -> {Describe(_state)}");
                    _releaseAtPoll = _polls + 1;
                }
            }

            return (_states[_state], _history.ToArray());
        }
    }

    /// <summary>
    /// One user request, with the user's <c>fake-user</c> cookie if it has one: routed now, or held until a poll
    /// answers it. <see cref="Abandon"/> a held one whose client went away.
    /// </summary>
    public Task<FakeRolloutAnswer> Request(int? userId)
    {
        lock (_lock)
        {
            var user = userId is { } id ? _users.GetValueOrDefault(id) : null;
            if (!_holding)
            {
                var answer = Route(user, _certain, judged: true);
                HoldIfDone();
                return Task.FromResult(answer);
            }

            if (_held.Count >= _script.MaxActiveUsers)
            {
                _problems.Add($"poll {_polls}: a request came while {_held.Count} were held: the tool runs more users at once than MaxActiveUsers ({_script.MaxActiveUsers})");
            }

            var held = new Held(user, _certain, new TaskCompletionSource<FakeRolloutAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
            _held.Add(held);
            if (_held.Count == _script.MaxActiveUsers)
            {
                _fullAtPoll = _polls;
                Log($"holds {_held.Count} requests ({_held.Count(h => h.User is not null)} returning users): every user is here");
            }

            return held.Answer.Task;
        }
    }

    /// <summary>A held request whose client went away (the run ended): it no longer counts.</summary>
    public void Abandon(Task<FakeRolloutAnswer> answer)
    {
        lock (_lock)
        {
            if (_held.RemoveAll(h => h.Answer.Task == answer) > 0)
            {
                _fullAtPoll = 0;
            }
        }
    }

    /// <summary>Gives up every held request (the fake is stopping).</summary>
    public void CancelHeld()
    {
        lock (_lock)
        {
            foreach (var held in _held)
            {
                held.Answer.TrySetCanceled();
            }

            _held.Clear();
        }
    }

    /// <summary>What happened, poll by poll, with the problems: for a failing test's message.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            var now = Invariant($"now: poll {_polls}, {Describe(_state)}, {_judged[_state]} judged new users in it, {_held.Count} held, holding {_holding}, {_newUsers} new users in all, {_movedBack} certain moves back");
            return string.Join('\n', [.. _log, now, .. _problems.Select(p => "PROBLEM: " + p)]);
        }
    }

    /// <summary>Starts holding once the state has what it needs; the last state never ends.</summary>
    private void HoldIfDone()
    {
        var state = _states[_state];
        if (_holding || _state == _states.Count - 1 || _judged[_state] < _script.NewUsersPerState || (IsMoveBackStep(state) && _movedBack == 0))
        {
            return;
        }

        _holding = true;
        Log($"has {_judged[_state]} judged new users in {Describe(_state)}: holds every request");
    }

    /// <summary>Null when the held users let the next state come; else what is missing.</summary>
    private string? WhyNotChange()
    {
        var next = _state + 1;
        var from = RoutingWeight(_state, isNew: false);
        var to = RoutingWeight(next, isNew: false);
        if (to > from && !_held.Any(h => h.User is { } u && u.Bucket >= from * 100 && u.Bucket < to * 100))
        {
            return Invariant($"no returning user held with a bucket in [{from * 100}, {to * 100}) to move to canary");
        }

        if (next == _states.Count - 1 && !_held.Any(h => h.User is { } u && u.Answered + 1 < _script.RequestsPerUser && (!_script.KeepCanaryAfterRollback || u.Bucket < to * 100)))
        {
            return "no returning user held that comes back after the final phase" + (_script.KeepCanaryAfterRollback ? " on canary" : "");
        }

        return null;
    }

    private void Release(bool judged)
    {
        foreach (var held in _held)
        {
            held.Answer.TrySetResult(Route(held.User, held.Certain, judged));
        }

        Log(Invariant($"answered {_held.Count} held requests in {Describe(_state)}"));
        _held.Clear();
    }

    /// <param name="user">Null: a new user, given the next bucket.</param>
    /// <param name="certain">The request came after the first Progressing state's held requests were answered.</param>
    /// <param name="judged">A new user the tool judges in this state (see the class summary).</param>
    private FakeRolloutAnswer Route(FakeRolloutUser? user, bool certain, bool judged)
    {
        var isNew = user is null;
        if (user is null)
        {
            user = new FakeRolloutUser(_users.Count + 1, (int)((++_newUsers * Golden % 1) * 10_000));
            _users.Add(user.Id, user);
            _judged[_state] += judged ? 1 : 0;
        }

        var canary = user.Bucket < RoutingWeight(_state, isNew) * 100;
        if (canary && IsMoveBackStep(_states[_state]) && user.SeenOnCanary && !user.MovedBack)
        {
            // The fault under test: a user the canary answered before goes to stable once, while the weight rises.
            canary = false;
            user.MovedBack = true;
            _movedBack += user.LastCanaryCertain ? 1 : 0;
        }

        user.SeenOnCanary |= canary;
        user.LastCanaryCertain = canary && certain;
        user.Answered++;
        var every = canary ? _script.CanaryErrorEvery : _script.StableErrorEvery;
        var answered = canary ? ++_canaryAnswers : ++_stableAnswers;
        return new FakeRolloutAnswer(user.Id, user.Bucket, canary, every > 0 && answered % every == 0);
    }

    private bool IsMoveBackStep(FakeRolloutState state) => state.Phase == "Progressing" && state.Step == _script.MoveBackAtStep;

    private double RoutingWeight(int index, bool isNew) => _states[index].Phase switch
    {
        "Progressing" => Math.Clamp(_states[index].Weight + _script.ShareOffset, 0, 100),
        "RolledBack" when _script.KeepCanaryAfterRollback && !isNew => _states[index - 1].Weight,
        _ => _states[index].Weight,
    };

    private string Describe(int index) => _states[index] is { Step: { } step } s ? Invariant($"{s.Phase} step {step} at {s.Weight} %") : Invariant($"{_states[index].Phase} at {_states[index].Weight} %");

    private void Log(string line) => _log.Add(Invariant($"poll {_polls}: ") + line);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A request waiting for a poll: its user (null: new) and whether it came after the first Progressing state's release.</summary>
    private sealed record Held(FakeRolloutUser? User, bool Certain, TaskCompletionSource<FakeRolloutAnswer> Answer);
}
