using System.Globalization;

namespace LoadTests.Tests.Infrastructure;

/// <summary>What <see cref="FakeRolloutGateway"/> does through its rollout, and the faults it commits on purpose.</summary>
internal sealed record FakeRolloutScript
{
    public IReadOnlyList<double> Steps { get; init; } = [10, 50, 100];

    /// <summary>
    /// The fake moves on only after this many new users came in a state at a moment the tool certainly judges them
    /// (see <see cref="FakeRolloutDirector"/>): the load test's own traffic and polls drive the rollout, not a clock.
    /// 60 users at 40 % split by the golden-ratio buckets land 36.7–42.9 % on canary, wherever the run starts.
    /// </summary>
    public int NewUsersPerState { get; init; } = 60;

    /// <summary>
    /// The tool's <c>--max-active</c>. The fake relies on it: holding this many requests means no other user exists,
    /// which is how it makes each change at a moment nobody is on the way (it reports a request beyond it as a problem).
    /// </summary>
    public int MaxActiveUsers { get; init; } = 25;

    /// <summary>The tool's <c>--requests</c>: the fake knows which held user has another request to come.</summary>
    public int RequestsPerUser { get; init; } = 4;

    /// <summary>Roll back after this step (0-based) instead of advancing; null: promote after the last step.</summary>
    public int? RollBackAfterStep { get; init; }

    public string RollbackReason { get; init; } = "step 1 failed 2 checks: canary error rate 10 % above max(1 %, stable 0 %)";

    /// <summary>Percentage points added to the advertised weight when routing during Progressing: the split is off.</summary>
    public double ShareOffset { get; init; }

    /// <summary>At this step every user seen on canary so far is answered by stable once.</summary>
    public int? MoveBackAtStep { get; init; }

    /// <summary>Every Nth stable answer is a 503 from stable (0: never).</summary>
    public int StableErrorEvery { get; init; }

    /// <summary>Every Nth canary answer is a 503 from the canary (0: never).</summary>
    public int CanaryErrorEvery { get; init; }

    /// <summary>After a rollback, returning users keep the last step's weight (new users get 0).</summary>
    public bool KeepCanaryAfterRollback { get; init; }

    /// <summary><c>GET /rollout</c> answers 404, as with <c>Gateway:Rollout:Enabled=false</c>.</summary>
    public bool RolloutsDisabled { get; init; }

    /// <summary>
    /// A loaded machine: every request, poll or user, waits up to this long before the fake looks at it, and its
    /// answer as long again before it leaves (seeded random delays, so requests overtake each other). Zero: none.
    /// </summary>
    public TimeSpan Lag { get; init; }

    /// <summary>
    /// The load the fake's accounting assumes (<see cref="MaxActiveUsers"/>, <see cref="RequestsPerUser"/>), and
    /// client timeouts no loaded machine reaches: 200 new users a second, each making its requests 50 ms apart,
    /// polled every 50 ms. The fake changes weight while answering a poll, so the polls bracket every change
    /// exactly: no margin needed. No tail either: after the final phase the tool still waits until every user
    /// active then came back or is done, and the fake holds back the final phase until one of them will come back.
    /// </summary>
    public string[] ToolArguments() =>
    [
        "--arrival-rate", "200", "--requests", Invariant(RequestsPerUser), "--user-rate", "20", "--max-active", Invariant(MaxActiveUsers),
        "--poll-interval", "50ms", "--change-margin", "0s", "--tail", "0s", "--timeout", "10m",
    ];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
