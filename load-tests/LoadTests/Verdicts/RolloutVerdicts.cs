using System.Globalization;
using LoadTests.Reporting;
using LoadTests.Rollouts;

namespace LoadTests.Verdicts;

/// <summary>
/// Decides whether a rollout run passed: the final phase is the one expected; in every stretch of one weight the
/// canary share of new users is within the same binomial tolerance as <c>split</c>'s; no user went back from canary
/// to stable while the weight only rose; after a rollback every user is on stable; and only the canary failed.
/// </summary>
internal static class RolloutVerdicts
{
    private const int MaxExamples = 5;

    public static RunReport Evaluate(RunReport report, RolloutRun run, VerdictSettings settings)
    {
        var timeline = RolloutTimeline.Build(run.Samples, run.Settings.ChangeMargin);
        var observations = run.Observations;
        var (finalPhase, finalCheck) = FinalPhase(run);
        var steps = timeline.Steps.Select(step => Step(step, observations.FirstAnswers, settings)).ToArray();
        var (moves, movesCheck) = MovesBack(observations, timeline);
        var (rollback, rollbackCheck) = Rollback(observations, timeline);
        var (errors, errorsCheck) = Errors(observations, settings);

        Check[] checks = [finalCheck, ShareCheck(steps), movesCheck, rollbackCheck, errorsCheck];
        var pollErrors = run.Samples.Where(s => s.Error is not null).ToArray();
        var rollout = new RolloutReport(
            run.Settings.RolloutUrl.ToString(),
            Expected(run.Settings.Expect),
            finalPhase,
            finalCheck.Detail,
            run.Settings.PollInterval.TotalSeconds,
            run.Settings.ChangeMargin.TotalSeconds,
            run.Settings.Tail.TotalSeconds,
            run.Samples.Count,
            pollErrors.Length,
            pollErrors.LastOrDefault()?.Error,
            timeline.Changes().Select(s => new RolloutChange(Math.Round(s.ReceivedAt, 3), s.Document!.Phase, s.Document.Step, s.Document.Weight, s.Document.Reason)).ToArray(),
            steps,
            moves,
            rollback,
            errors,
            run.Latest?.History ?? [],
            run.Latest?.Checks ?? []);
        return report with { Rollout = rollout, Checks = checks, Passed = checks.All(c => c.Passed) };
    }

    public static string Expected(ExpectedOutcome expect) => expect == ExpectedOutcome.RolledBack ? "rolled-back" : "promoted";

    private static (string? Phase, Check Check) FinalPhase(RolloutRun run)
    {
        const string name = "final phase";
        var expected = Expected(run.Settings.Expect);
        if (run.Ended is { } ended)
        {
            var matches = run.Settings.Expect == ExpectedOutcome.RolledBack
                ? RolloutPhases.Is(ended.Phase, RolloutPhases.RolledBack)
                : RolloutPhases.Is(ended.Phase, RolloutPhases.Promoted) || RolloutPhases.Is(ended.Phase, RolloutPhases.Succeeded);
            var outcome = RolloutPhases.Is(ended.Phase, RolloutPhases.RolledBack) ? "rolled back" : ended.Phase.ToLowerInvariant();
            return (ended.Phase, new Check(name, matches, $"{outcome}: {ended.Reason ?? "(no reason given)"}; expected {expected}"));
        }

        var where = run.Latest is { } latest ? $"in phase {latest.Describe()}: {latest.Reason ?? "(no reason given)"}" : $"GET {run.Settings.RolloutUrl} never answered ({(run.Samples.Count > 0 ? run.Samples[^1].Error : "no poll")})";
        var why = run.EndReason switch
        {
            "interrupted" => $"interrupted {where}",
            "completed" => $"every user was done before the rollout ended (raise --users) {where}",
            _ => $"timed out after {run.TimeoutSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s {where}",
        };
        return (null, new Check(name, false, $"{why}; expected {expected}"));
    }

    private static RolloutStepReport Step(WeightStep step, IReadOnlyList<ObservedAnswer> firstAnswers, VerdictSettings settings)
    {
        long n = 0, canary = 0;
        if (!step.Judged.IsEmpty)
        {
            foreach (var answer in firstAnswers)
            {
                if (step.Judged.Contains(answer))
                {
                    n++;
                    canary += answer.Canary ? 1 : 0;
                }
            }
        }

        var share = n > 0 ? VerdictEvaluator.CheckShare(n, canary, step.Weight, settings) : null;
        return new RolloutStepReport(
            step.Index,
            step.Weight,
            step.Phases,
            Math.Round(step.Seen.From, 3),
            Math.Round(step.Seen.To, 3),
            Math.Round(step.Judged.From, 3),
            Math.Round(step.Judged.To, 3),
            n,
            canary,
            share,
            share is null ? "not judged" : share.Passed ? "pass" : "fail");
    }

    private static Check ShareCheck(RolloutStepReport[] steps)
    {
        const string name = "canary share of new users per step";
        var judged = steps.Where(s => s.Share is not null).ToArray();
        if (judged.Length == 0)
        {
            return new Check(name, false, $"no step of the {steps.Length} seen had new users away from its changes: lengthen the steps, raise --arrival-rate or lower --change-margin");
        }

        var failed = judged.Where(s => !s.Share!.Passed).ToArray();
        var notJudged = steps.Length - judged.Length;
        var detail = failed.Length == 0
            ? Invariant($"{judged.Length} steps judged ({string.Join(", ", judged.Select(s => Invariant($"{s.Weight:0.##} %: {s.Share!.ObservedPercent:0.##} % of {s.NewUsers}")))}), each within its tolerance")
            : string.Join("; ", failed.Select(s => Invariant($"step {s.Index} ({s.Weight:0.##} %, {s.Phases}): {s.Share!.ObservedPercent:0.###} % of {s.NewUsers} new users on canary, accepted {s.Share.LowPercent:0.###} … {s.Share.HighPercent:0.###} % ({s.Share.Formula})")));
        return new Check(name, failed.Length == 0, detail + (notJudged > 0 ? $"; {notJudged} not judged (no new users away from a change)" : ""));
    }

    private static (RolloutMovesReport, Check) MovesBack(RolloutObservations observations, RolloutTimeline timeline)
    {
        var violations = observations.MovesBack
            .Where(m => timeline.KeepCanaryWindows.Any(w => w.Contains(m.LastCanary) && w.Contains(m.Stable)))
            .ToArray();
        var examples = violations.Take(MaxExamples)
            .Select(m => Invariant($"user {m.User}: canary at {m.LastCanary.End:0.000} s, stable at {m.Stable.End:0.000} s"))
            .ToArray();
        var users = observations.FirstAnswers.Count;
        var report = new RolloutMovesReport(users, observations.MovesToCanary, observations.MovesBack.Count, violations.Length, examples);
        var detail = violations.Length == 0
            ? $"no user went from canary back to stable while the weight only rose ({observations.MovesToCanary} moves stable → canary as it rose, {observations.MovesBack.Count} moves back outside those stretches, of {users} users)"
            : $"{violations.Length} moves from canary back to stable while the weight only rose, of {users} users: {string.Join("; ", examples)}";
        return (report, new Check("no move back to stable", violations.Length == 0, detail));
    }

    private static (RolloutRollbackReport?, Check) Rollback(RolloutObservations observations, RolloutTimeline timeline)
    {
        const string name = "stable after rollback";
        var windows = timeline.RolledBackWindows;
        if (windows.Count == 0)
        {
            return (null, new Check(name, true, "no rollback during the run"));
        }

        var answers = observations.RollbackAnswers.Where(a => windows.Any(w => w.Contains(a))).ToArray();
        var onCanary = answers.Where(a => a.Canary).ToArray();
        var report = new RolloutRollbackReport(
            Math.Round(windows[0].From, 3),
            Math.Round(windows[^1].To, 3),
            answers.Length,
            answers.Select(a => a.User).Distinct().Count(),
            onCanary.Length,
            onCanary.Select(a => a.User).Distinct().Count());
        if (answers.Length == 0)
        {
            return (report, new Check(name, false, "rolled back, but no answers came later than the change margin after it: lengthen --tail"));
        }

        var detail = onCanary.Length == 0
            ? $"all {report.Answers} answers of {report.Users} users after the rollback came from stable"
            : $"{report.CanaryAnswers} of {report.Answers} answers ({report.CanaryUsers} of {report.Users} users) after the rollback came from canary, e.g. "
                + string.Join("; ", onCanary.Take(MaxExamples).Select(a => Invariant($"user {a.User} at {a.End:0.000} s")));
        return (report, new Check(name, onCanary.Length == 0, detail));
    }

    private static (RolloutErrorsReport, Check) Errors(RolloutObservations observations, VerdictSettings settings)
    {
        const string canaryTrack = "canary";
        var canaryRequests = observations.Requests.GetValueOrDefault(canaryTrack);
        var totalRequests = observations.Requests.Values.Sum();
        var canaryErrors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var otherErrors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long mismatchedOnCanary = 0;
        foreach (var (track, kinds) in observations.Errors)
        {
            foreach (var (kind, count) in kinds)
            {
                // An answer whose body contradicts its track header is the gateway's fault, whichever track it names.
                var isCanary = track == canaryTrack && kind != Http.ErrorKinds.TrackMismatch;
                var into = isCanary ? canaryErrors : otherErrors;
                var key = isCanary ? kind : $"{track}: {kind}";
                into[key] = into.GetValueOrDefault(key) + count;
                mismatchedOnCanary += track == canaryTrack && !isCanary ? count : 0;
            }
        }

        var otherRequests = totalRequests - canaryRequests + mismatchedOnCanary;
        var otherCount = otherErrors.Values.Sum();
        var otherPercent = otherRequests == 0 ? 0 : 100.0 * otherCount / otherRequests;
        var report = new RolloutErrorsReport(canaryRequests, canaryErrors.Values.Sum(), canaryErrors, otherRequests, otherCount, otherPercent, otherErrors);
        var passed = totalRequests > 0 && otherPercent <= settings.MaxErrorPercent;
        var detail = Invariant($"{otherCount} of {otherRequests} requests not answered by the canary failed ({otherPercent:0.###} %, allowed {settings.MaxErrorPercent:0.###} %)")
            + (otherCount > 0 ? ": " + string.Join(", ", otherErrors.Select(kv => $"{kv.Key} {kv.Value}")) : "")
            + $"; the canary failed {report.CanaryErrors} of {canaryRequests}"
            + (report.CanaryErrors > 0 ? " (" + string.Join(", ", canaryErrors.Select(kv => $"{kv.Key} {kv.Value}")) + "), judged by the gateway's own gates" : "");
        return (report, new Check("errors only on canary", passed, detail));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
