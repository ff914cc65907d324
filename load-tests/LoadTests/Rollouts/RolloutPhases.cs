namespace LoadTests.Rollouts;

/// <summary>The phase names of <c>GET /rollout</c> (the gateway's <c>RolloutPhase</c> enum) and what the load test reads into them.</summary>
internal static class RolloutPhases
{
    public const string Idle = "Idle";
    public const string Progressing = "Progressing";
    public const string Paused = "Paused";
    public const string Promoted = "Promoted";
    public const string Succeeded = "Succeeded";
    public const string RolledBack = "RolledBack";

    /// <summary>A rollout that reached one of these is over: the run ends (after <c>--tail</c>).</summary>
    public static bool IsFinal(string phase) => Is(phase, Promoted) || Is(phase, Succeeded) || Is(phase, RolledBack);

    /// <summary>
    /// Phases in which the weight only holds or rises, so a user on canary must stay there. Paused holds the weight
    /// too, so a pause in the middle does not excuse a move back.
    /// </summary>
    public static bool KeepsCanaryUsers(string phase) => Is(phase, Progressing) || Is(phase, Paused) || Is(phase, Promoted);

    public static bool Is(string phase, string name) => string.Equals(phase, name, StringComparison.OrdinalIgnoreCase);
}
