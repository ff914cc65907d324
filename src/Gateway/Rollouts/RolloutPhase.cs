namespace Gateway.Rollouts;

/// <summary>Where a rollout stands (DESIGN.md "Phases and the effective weight").</summary>
public enum RolloutPhase
{
    /// <summary>No rollout: the weight is <c>Gateway:Canary:Weight</c> (or proportional).</summary>
    Idle,

    /// <summary>Moving through the steps; a check runs every interval.</summary>
    Progressing,

    /// <summary>Held at the current step; no checks run.</summary>
    Paused,

    /// <summary>Every step passed (or <c>promote</c>): weight 100.</summary>
    Promoted,

    /// <summary>Stable runs the canary's template (promotion by Deployment): weight 0.</summary>
    Succeeded,

    /// <summary>The canary failed its checks (or <c>abort</c>): weight 0.</summary>
    RolledBack,
}
