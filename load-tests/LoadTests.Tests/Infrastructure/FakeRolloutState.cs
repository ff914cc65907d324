namespace LoadTests.Tests.Infrastructure;

/// <summary>One state of <see cref="FakeRolloutGateway"/>'s rollout: what <c>GET /rollout</c> says while in it.</summary>
internal sealed record FakeRolloutState(string Phase, int? Step, double Weight, string Reason)
{
    /// <summary>Idle, each step up to the last (or the rollback step), then Promoted or RolledBack.</summary>
    public static List<FakeRolloutState> Plan(FakeRolloutScript script)
    {
        var states = new List<FakeRolloutState> { new("Idle", null, 0, "waiting for a new revision") };
        var last = script.RollBackAfterStep ?? script.Steps.Count - 1;
        for (var i = 0; i <= last; i++)
        {
            states.Add(new("Progressing", i, script.Steps[i], i == 0 ? "new revision http://127.0.0.1:1/" : $"step {i - 1} passed 2 checks"));
        }

        states.Add(script.RollBackAfterStep is null
            ? new("Promoted", null, 100, $"step {last} passed 2 checks")
            : new("RolledBack", null, 0, script.RollbackReason));
        return states;
    }
}
