using System.Collections.Immutable;

namespace Gateway.Rollouts;

/// <summary>
/// Everything a rollout engine needs to continue exactly where another left off: the <c>GET /rollout</c> document
/// without its checks, plus the consecutive counts, when the step began and the revisions seen. Immutable, and plain
/// data so that it can be written as JSON to a ConfigMap and read back by another replica.
/// </summary>
public sealed record RolloutState
{
    /// <summary>Most transitions kept in <see cref="History"/>.</summary>
    public const int HistoryLimit = 50;

    /// <summary>No rollout yet, nothing seen.</summary>
    public static RolloutState Initial { get; } = new();

    public RolloutPhase Phase { get; init; } = RolloutPhase.Idle;

    /// <summary>The 0-based step in <c>Progressing</c> and <c>Paused</c>, else null.</summary>
    public int? Step { get; init; }

    /// <summary>The canary revision the rollout judges (empty before the first).</summary>
    public string Revision { get; init; } = string.Empty;

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Why the rollout is where it is, in one line.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Consecutive passing checks at the current step.</summary>
    public int Passes { get; init; }

    /// <summary>Consecutive failing checks.</summary>
    public int Failures { get; init; }

    /// <summary>When the current step (or its resumption) began: checks judge traffic from then on.</summary>
    public DateTimeOffset? StepStartedAt { get; init; }

    /// <summary>ReplicaSet names (static mode: destinations) that a rollout or a reset has seen, sorted.</summary>
    public ImmutableArray<string> RevisionsSeen { get; init; } = [];

    /// <summary>The last <see cref="HistoryLimit"/> transitions, oldest first.</summary>
    public ImmutableArray<RolloutTransition> History { get; init; } = [];
}
