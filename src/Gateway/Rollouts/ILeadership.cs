namespace Gateway.Rollouts;

/// <summary>Who decides: this replica (<see cref="Self"/>), and the current leader if one is known.</summary>
internal interface ILeadership
{
    /// <summary>This replica's identity (<c>Gateway:Rollout:Identity</c>, default <c>POD_NAME</c>).</summary>
    string Self { get; }

    /// <summary>The leader's identity, or null while none is known.</summary>
    string? Leader { get; }

    /// <summary>Whether this replica leads now (only the leader runs checks and writes the state).</summary>
    bool IsLeader { get; }

    /// <summary>Raised when <see cref="Leader"/> or <see cref="IsLeader"/> changed.</summary>
    event Action? Changed;
}
