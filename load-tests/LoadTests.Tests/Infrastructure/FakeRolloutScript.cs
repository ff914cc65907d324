namespace LoadTests.Tests.Infrastructure;

/// <summary>What <see cref="FakeRolloutGateway"/> does through its rollout, and the faults it commits on purpose.</summary>
internal sealed record FakeRolloutScript
{
    public IReadOnlyList<double> Steps { get; init; } = [10, 50, 100];

    /// <summary>
    /// The fake moves on only after this many new users arrived in a state, a poll cycle away from either change: the
    /// load test's own traffic and polls drive the rollout, not a clock.
    /// </summary>
    public int NewUsersPerState { get; init; } = 60;

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
}
