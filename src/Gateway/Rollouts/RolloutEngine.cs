using System.Collections.Immutable;
using System.Globalization;

namespace Gateway.Rollouts;

/// <summary>
/// The rollout state machine (DESIGN.md "Phases and the effective weight", "Management calls"): pure functions from a
/// <see cref="RolloutState"/> to the next, so that one replica or several (through a shared store) run the same rules,
/// and tests can run many rollouts in virtual time.
/// </summary>
internal static class RolloutEngine
{
    /// <summary>The canary weight <paramref name="state"/> sets, or null in <c>Idle</c> (the configured weight applies).</summary>
    public static double? WeightOf(RolloutState state, RolloutOptions options) => state.Phase switch
    {
        RolloutPhase.Progressing or RolloutPhase.Paused => StepWeight(options, state.Step ?? 0),
        RolloutPhase.Promoted => 100,
        RolloutPhase.Succeeded or RolloutPhase.RolledBack => 0,
        _ => null,
    };

    /// <summary>
    /// The state after <paramref name="command"/>, or the one-line reason it is not allowed now (a 409). A command whose
    /// target phase is already reached is not allowed either, so two concurrent <c>abort</c>s make one transition.
    /// </summary>
    public static (RolloutState? Next, string? Conflict) Apply(RolloutState state, RolloutCommand command, CanaryRevision canary, in RolloutContext context)
    {
        var phase = state.Phase;
        switch (command)
        {
            case RolloutCommand.Start when phase is RolloutPhase.Progressing or RolloutPhase.Paused:
                return Refuse($"a rollout is already {phase} at step {state.Step + 1}; abort or reset it first");
            case RolloutCommand.Start:
                return (Begin(state, canary, "started by the management API", context), null);

            case RolloutCommand.Pause when phase == RolloutPhase.Progressing:
                return (Move(state, RolloutPhase.Paused, state.Step, "paused by the management API", context), null);
            case RolloutCommand.Pause:
                return Refuse(phase == RolloutPhase.Paused ? "the rollout is already Paused" : $"only a Progressing rollout can be paused; it is {phase}");

            case RolloutCommand.Resume when phase == RolloutPhase.Paused:
                return (Move(state, RolloutPhase.Progressing, state.Step, "resumed by the management API", context) with { Passes = 0, StepStartedAt = context.Now }, null);
            case RolloutCommand.Resume:
                return Refuse(phase == RolloutPhase.Progressing ? "the rollout is already Progressing" : $"only a Paused rollout can be resumed; it is {phase}");

            case RolloutCommand.Promote when phase is RolloutPhase.Progressing or RolloutPhase.Paused:
                return (Move(state, RolloutPhase.Promoted, null, "promoted by the management API", context), null);
            case RolloutCommand.Promote:
                return Refuse(phase == RolloutPhase.Promoted ? "the rollout is already Promoted" : $"only a Progressing or Paused rollout can be promoted; it is {phase}");

            case RolloutCommand.Abort when phase is RolloutPhase.Progressing or RolloutPhase.Paused or RolloutPhase.Promoted:
                return (Move(state, RolloutPhase.RolledBack, null, "aborted by the management API", context), null);
            case RolloutCommand.Abort:
                return Refuse(phase == RolloutPhase.RolledBack ? "the rollout is already RolledBack" : $"only a Progressing, Paused or Promoted rollout can be aborted; it is {phase}");

            case RolloutCommand.Reset when phase != RolloutPhase.Idle:
                // The current revision counts as done: no auto-start for it.
                return (Move(state, RolloutPhase.Idle, null, "reset by the management API", context) with { RevisionsSeen = Union(state.RevisionsSeen, canary.Names) }, null);
            case RolloutCommand.Reset:
                return Refuse("the rollout is already Idle");

            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown rollout command.");
        }
    }

    /// <summary>
    /// A rollout for a revision nobody has seen (<c>AutoStart</c>), in any phase: a new version deserves a fresh
    /// analysis from the first step. Null when nothing new appeared or auto-start is off.
    /// </summary>
    public static RolloutState? OnCanaryChanged(RolloutState state, CanaryRevision canary, in RolloutContext context)
    {
        if (!context.Options.AutoStart)
        {
            return null;
        }

        var seen = state.RevisionsSeen;
        var fresh = canary.Names.Where(name => !seen.Contains(name, StringComparer.Ordinal)).ToArray();
        return fresh.Length == 0 ? null : Begin(state, canary, $"new revision {string.Join(",", fresh)}", context);
    }

    /// <summary>The state after a check with <paramref name="verdict"/>; unchanged for a wait or outside <c>Progressing</c>.</summary>
    public static RolloutState AfterCheck(RolloutState state, RolloutVerdict verdict, string why, in RolloutContext context)
    {
        if (state.Phase != RolloutPhase.Progressing || verdict == RolloutVerdict.Wait)
        {
            return state;
        }

        var options = context.Options;
        var step = Math.Min(state.Step ?? 0, options.EffectiveSteps.Count - 1);
        if (verdict == RolloutVerdict.Fail)
        {
            var failures = state.Failures + 1;
            return failures >= options.FailureLimit
                ? Move(state, RolloutPhase.RolledBack, null, $"{failures} failing check(s) in a row at step {step + 1}: {why}", context)
                : state with { Failures = failures, Passes = 0, UpdatedAt = context.Now };
        }

        var passes = state.Passes + 1;
        if (passes < options.ChecksPerStep)
        {
            return state with { Passes = passes, Failures = 0, UpdatedAt = context.Now };
        }

        var steps = options.EffectiveSteps;
        return step + 1 < steps.Count
            ? Move(state, RolloutPhase.Progressing, step + 1, $"step {step + 1} ({Format(steps[step])}%) passed {passes} check(s)", context) with { StepStartedAt = context.Now }
            : Move(state, RolloutPhase.Promoted, null, $"all {steps.Count} steps passed", context);
    }

    /// <summary>
    /// Promotion <c>Deployment</c> progressed: <c>Succeeded</c> once stable runs the canary's template, else the same
    /// phase with the new reason (null when nothing changed, so an unchanged wait writes nothing).
    /// </summary>
    public static RolloutState? AfterPromotion(RolloutState state, PromotionProgress progress, in RolloutContext context)
    {
        if (state.Phase != RolloutPhase.Promoted)
        {
            return null;
        }

        if (progress.Status == PromotionStatus.Done)
        {
            return Move(state, RolloutPhase.Succeeded, null, $"promoted {state.Revision}: {progress.Reason}", context);
        }

        var reason = progress.Status == PromotionStatus.Failed ? $"promotion failed, retrying: {progress.Reason}" : progress.Reason;
        return reason == state.Reason ? null : state with { Reason = reason, UpdatedAt = context.Now };
    }

    private static RolloutState Begin(RolloutState state, CanaryRevision canary, string reason, in RolloutContext context) =>
        Move(state, RolloutPhase.Progressing, 0, reason, context) with
        {
            Revision = canary.Revision,
            StartedAt = context.Now,
            StepStartedAt = context.Now,
            RevisionsSeen = Union(state.RevisionsSeen, canary.Names),
        };

    /// <summary>A transition: the new phase and step, counts cleared, recorded in the history.</summary>
    private static RolloutState Move(RolloutState state, RolloutPhase to, int? step, string reason, in RolloutContext context)
    {
        var next = state with { Phase = to, Step = step, Reason = reason, UpdatedAt = context.Now, Passes = 0, Failures = 0 };
        var weight = WeightOf(next, context.Options) ?? context.IdleWeight;
        var history = state.History.Add(new RolloutTransition(context.Now, state.Phase, to, step, weight, reason));
        return next with { History = history.Length > RolloutState.HistoryLimit ? history.RemoveRange(0, history.Length - RolloutState.HistoryLimit) : history };
    }

    private static double StepWeight(RolloutOptions options, int step)
    {
        // Steps are reloaded live: a rollout past the end of a shortened list holds the last step.
        var steps = options.EffectiveSteps;
        return steps[Math.Clamp(step, 0, steps.Count - 1)];
    }

    private static ImmutableArray<string> Union(ImmutableArray<string> seen, IEnumerable<string> names) =>
        [.. seen.Union(names, StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static (RolloutState?, string?) Refuse(string reason) => (null, reason);

    private static string Format(double weight) => weight.ToString(CultureInfo.InvariantCulture);
}
