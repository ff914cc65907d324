namespace LoadTests.Rollouts;

/// <summary>
/// The gateway's <c>GET /rollout</c> answer on its management port (DESIGN.md "Rollouts"), as far as the load test
/// reads it. Unknown fields are ignored and missing ones keep their defaults, so a newer gateway still parses.
/// </summary>
internal sealed record RolloutDocument
{
    /// <summary>Idle | Progressing | Paused | Promoted | Succeeded | RolledBack (see <see cref="RolloutPhases"/>).</summary>
    public string Phase { get; init; } = "";

    /// <summary>0-based index into <see cref="Steps"/>; null outside Progressing and Paused.</summary>
    public int? Step { get; init; }

    public IReadOnlyList<double> Steps { get; init; } = [];

    /// <summary>The effective canary weight now, in percent.</summary>
    public double Weight { get; init; }

    public string? Revision { get; init; }

    public string? Self { get; init; }

    public string? Leader { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Why the rollout is where it is, e.g. "step 1 failed 2 checks: …".</summary>
    public string? Reason { get; init; }

    /// <summary>The gateway's last analysis checks, oldest first.</summary>
    public IReadOnlyList<RolloutCheckEntry> Checks { get; init; } = [];

    /// <summary>The gateway's last transitions (step advances included), oldest first.</summary>
    public IReadOnlyList<RolloutTransition> History { get; init; } = [];

    /// <summary>"Progressing step 2 at 25 %", for progress lines.</summary>
    public string Describe() => Step is { } step
        ? FormattableString.Invariant($"{Phase} step {step} at {Weight:0.##} %")
        : FormattableString.Invariant($"{Phase} at {Weight:0.##} %");
}
