using LoadTests.Rollouts;

namespace LoadTests.Reporting;

/// <summary>The <c>rollout</c> scenario's part of <c>report.json</c>: the rollout as polled, each step's verdict, and the gateway's own account.</summary>
/// <param name="RolloutUrl">The <c>GET /rollout</c> URL polled.</param>
/// <param name="Expected"><c>promoted</c> or <c>rolled-back</c> (<c>--expect</c>).</param>
/// <param name="FinalPhase">The final phase the rollout reached, or null (timed out, interrupted).</param>
/// <param name="Outcome">One line, e.g. "rolled back: step 1 failed 2 checks: …".</param>
/// <param name="PollIntervalSeconds"><c>--poll-interval</c>.</param>
/// <param name="ChangeMarginSeconds"><c>--change-margin</c>: answers this close to a change are not judged.</param>
/// <param name="TailSeconds"><c>--tail</c>: how long users kept coming after the final phase.</param>
/// <param name="Polls">Polls of <c>GET /rollout</c>.</param>
/// <param name="PollErrors">Polls that got no document.</param>
/// <param name="LastPollError">Why the last failed poll failed.</param>
/// <param name="Changes">Every poll that showed a new phase, step or weight: the weight steps.</param>
/// <param name="Steps">The stretches of one weight and the canary share of the users new in them.</param>
/// <param name="Moves">Users moving between tracks.</param>
/// <param name="Rollback">Answers after a rollback; null without one.</param>
/// <param name="Errors">Failures by the track that answered.</param>
/// <param name="History">The gateway's transitions from the last poll (its last 50).</param>
/// <param name="GatewayChecks">The gateway's own analysis checks from the last poll (its last 50).</param>
internal sealed record RolloutReport(
    string RolloutUrl,
    string Expected,
    string? FinalPhase,
    string Outcome,
    double PollIntervalSeconds,
    double ChangeMarginSeconds,
    double TailSeconds,
    int Polls,
    int PollErrors,
    string? LastPollError,
    IReadOnlyList<RolloutChange> Changes,
    IReadOnlyList<RolloutStepReport> Steps,
    RolloutMovesReport Moves,
    RolloutRollbackReport? Rollback,
    RolloutErrorsReport Errors,
    IReadOnlyList<RolloutTransition> History,
    IReadOnlyList<RolloutCheckEntry> GatewayChecks);

/// <summary>A poll that showed a new phase, step or weight; <see cref="AtSeconds"/> is when its answer arrived.</summary>
internal sealed record RolloutChange(double AtSeconds, string Phase, int? Step, double Weight, string? Reason);

/// <summary>
/// One stretch of one weight. Users whose first answer lies inside <see cref="JudgedFromSeconds"/> …
/// <see cref="JudgedToSeconds"/> count; <see cref="Share"/> is null when none did (the step is not judged).
/// </summary>
/// <param name="Index">0-based, in the order seen.</param>
/// <param name="Weight">The weight the polls answered, in percent.</param>
/// <param name="Phases">The phases the polls named in this stretch.</param>
/// <param name="FromSeconds">The first poll's answer naming this weight.</param>
/// <param name="ToSeconds">The last poll's request naming this weight.</param>
/// <param name="JudgedFromSeconds">From, plus the change margin.</param>
/// <param name="JudgedToSeconds">To, less the change margin.</param>
/// <param name="NewUsers">Users whose first answer lies inside the judged stretch.</param>
/// <param name="CanaryUsers">Of those, the ones the canary answered.</param>
/// <param name="Share">Their share against the tolerance; null without users.</param>
/// <param name="Verdict"><c>pass</c>, <c>fail</c> or <c>not judged</c>.</param>
internal sealed record RolloutStepReport(
    int Index,
    double Weight,
    string Phases,
    double FromSeconds,
    double ToSeconds,
    double JudgedFromSeconds,
    double JudgedToSeconds,
    long NewUsers,
    long CanaryUsers,
    ShareCheck? Share,
    string Verdict);

/// <summary>Users moving between tracks; only <see cref="MovesBackWhileRising"/> fails the run.</summary>
/// <param name="Users">Users that got an answer naming a track.</param>
/// <param name="MovesToCanary">Stable → canary moves (expected as the weight rises).</param>
/// <param name="MovesBack">Canary → stable moves, anywhere in the run.</param>
/// <param name="MovesBackWhileRising">Canary → stable moves inside a stretch where the weight only rose: each fails the run.</param>
/// <param name="Examples">A few of the failing moves, as text.</param>
internal sealed record RolloutMovesReport(long Users, long MovesToCanary, long MovesBack, long MovesBackWhileRising, IReadOnlyList<string> Examples);

/// <summary>Answers of users inside the RolledBack stretches (less the change margin).</summary>
internal sealed record RolloutRollbackReport(double FromSeconds, double ToSeconds, long Answers, long Users, long CanaryAnswers, long CanaryUsers);

/// <summary>Failures by the track that answered: the canary may fail (the gateway's gates judge it), nothing else may.</summary>
internal sealed record RolloutErrorsReport(
    long CanaryRequests,
    long CanaryErrors,
    IReadOnlyDictionary<string, long> CanaryErrorsByKind,
    long OtherRequests,
    long OtherErrors,
    double OtherErrorPercent,
    IReadOnlyDictionary<string, long> OtherErrorsByKind);
