using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoadTests.Tests.Infrastructure;

/// <summary>
/// A gateway in the middle of a rollout, small enough to misbehave on purpose: <c>/</c> answers like the real one
/// (a sticky <c>canary-bucket</c> cookie 0–9999, canary iff bucket &lt; weight × 100, <c>X-Canary-Track</c>, the
/// KubeApp's "Version 2.0" or "1.0" body) and <c>/rollout</c> serves the <c>GET /rollout</c> document, on one port.
/// It goes Idle → Progressing through its steps → Promoted (or RolledBack), changing state only while answering a
/// poll (so the poll that shows a change is the first one after it), and only once enough new users came while the
/// state was shown by polls on both sides of them, a whole poll cycle away — the load test's own polls and traffic
/// drive it, no timer, and those users fall where the tool judges the step even on a loaded machine. New users'
/// buckets follow the golden-ratio sequence, so every run of consecutive new users splits almost exactly by the weight.
/// </summary>
internal sealed class FakeRolloutGateway : IAsyncDisposable
{
    private const string BucketCookie = "canary-bucket";
    private static readonly double Golden = (Math.Sqrt(5) - 1) / 2;

    private readonly WebApplication _app;
    private readonly FakeRolloutScript _script;
    private readonly List<FakeRolloutState> _states;
    private readonly List<object> _history = [];
    private readonly Lock _lock = new();
    private readonly HashSet<int> _seenOnCanary = [];
    private readonly HashSet<int> _movedBack = [];
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private int _state;
    private int _pollsInState;
    private int _newUsersInState;
    private int _readyAtPoll;
    private int _newUsers;
    private long _stableAnswers;
    private long _canaryAnswers;

    private FakeRolloutGateway(WebApplication app, FakeRolloutScript script)
    {
        _app = app;
        _script = script;
        _states = FakeRolloutState.Plan(script);
        app.MapGet("/rollout", Rollout);
        app.MapGet("/", Route);
    }

    /// <summary>Public and management URL in one.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Users the fake answered from stable after they had been on canary (<see cref="FakeRolloutScript.MoveBackAtStep"/>).</summary>
    public int MovedBack
    {
        get
        {
            lock (_lock)
            {
                return _movedBack.Count;
            }
        }
    }

    public string Phase
    {
        get
        {
            lock (_lock)
            {
                return _states[_state].Phase;
            }
        }
    }

    public static async Task<FakeRolloutGateway> StartAsync(FakeRolloutScript script)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var fake = new FakeRolloutGateway(builder.Build(), script);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Rollout()
    {
        if (_script.RolloutsDisabled)
        {
            return Results.NotFound();
        }

        lock (_lock)
        {
            // One more poll shows the state after it got its users, so none of them is near the change in time.
            if (_readyAtPoll > 0 && _pollsInState > _readyAtPoll && _state < _states.Count - 1)
            {
                var from = _states[_state];
                _state++;
                _pollsInState = 0;
                _newUsersInState = 0;
                _readyAtPoll = 0;
                var to = _states[_state];
                _history.Add(new { time = DateTimeOffset.UtcNow, from = from.Phase, to = to.Phase, step = to.Step, weight = to.Weight, reason = to.Reason });
            }

            _pollsInState++;
            if (_readyAtPoll == 0 && _pollsInState > FirstCountedPoll && _newUsersInState >= _script.NewUsersPerState)
            {
                _readyAtPoll = _pollsInState;
            }
            var state = _states[_state];
            return Results.Json(new
            {
                phase = state.Phase,
                step = state.Step,
                steps = _script.Steps,
                weight = state.Weight,
                revision = "http://127.0.0.1:1/",
                self = "fake",
                leader = "fake",
                startedAt = _startedAt,
                updatedAt = DateTimeOffset.UtcNow,
                reason = state.Reason,
                checks = Array.Empty<object>(),
                history = _history.ToArray(),
            });
        }
    }

    private Task Route(HttpContext context)
    {
        var bucket = int.TryParse(context.Request.Cookies[BucketCookie], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b is >= 0 and < 10_000 ? b : -1;
        bool canary, fail;
        lock (_lock)
        {
            var state = _states[_state];
            var isNew = bucket < 0;
            if (isNew)
            {
                bucket = (int)(((++_newUsers * Golden) % 1) * 10_000);
                _newUsersInState += _pollsInState >= FirstCountedPoll ? 1 : 0;
            }

            canary = bucket < RoutingWeight(state, isNew) * 100;
            if (canary && state.Phase == "Progressing" && state.Step == _script.MoveBackAtStep && _seenOnCanary.Contains(bucket) && _movedBack.Add(bucket))
            {
                // The fault under test: a user the canary answered before goes to stable once, while the weight rises.
                canary = false;
            }
            else if (canary)
            {
                _seenOnCanary.Add(bucket);
            }

            var every = canary ? _script.CanaryErrorEvery : _script.StableErrorEvery;
            var answered = canary ? ++_canaryAnswers : ++_stableAnswers;
            fail = every > 0 && answered % every == 0;
        }

        var response = context.Response;
        response.Headers.SetCookie = $"{BucketCookie}={bucket}; Path=/; Max-Age=604800";
        response.Headers["X-Canary-Track"] = canary ? "canary" : "stable";
        response.ContentType = "text/plain; charset=utf-8";
        if (fail)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return response.WriteAsync("Service Unavailable");
        }

        return response.WriteAsync($"Congratulations! Version {(canary ? "2.0" : "1.0")} of your application is running on Kubernetes.");
    }

    /// <summary>
    /// New users count once this many polls showed the state: the poll that made the change brackets it, so users
    /// count only from the next one on, a whole poll cycle later (in the first state one more: the tool's start-up
    /// check comes before its clock starts and is not one of its samples).
    /// </summary>
    private int FirstCountedPoll => _state == 0 ? 3 : 2;

    private double RoutingWeight(FakeRolloutState state, bool isNew) => state.Phase switch
    {
        "Progressing" => Math.Clamp(state.Weight + _script.ShareOffset, 0, 100),
        "RolledBack" when _script.KeepCanaryAfterRollback && !isNew => _states[_state - 1].Weight,
        _ => state.Weight,
    };
}
