namespace LoadTests.Cli;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every check passed.</summary>
    public const int Passed = 0;

    /// <summary>
    /// A check failed (canary share, stickiness, forced track, error rate; for <c>rollout</c> also a final phase other
    /// than <c>--expect</c>, or none before <c>--duration</c>), or a bench target failed.
    /// </summary>
    public const int Failed = 1;

    /// <summary>Invalid arguments, or the topology or a prerequisite could not be started (for <c>rollout</c>: <c>GET /rollout</c> unreachable or disabled at the start).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C / SIGTERM); reports of what ran are still written.</summary>
    public const int Interrupted = 130;
}
