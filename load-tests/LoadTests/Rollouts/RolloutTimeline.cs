namespace LoadTests.Rollouts;

/// <summary>
/// The rollout as the polls saw it, cut into the stretches the verdicts judge. A poll tells the state at one moment
/// between sending and receiving it, so a change lies somewhere between the last poll that did not show it and the
/// first that did; every stretch is narrowed by the change margin at both ends, which also covers gateway replicas
/// applying a change up to a second after the one polled. Failed polls are skipped.
/// </summary>
internal sealed class RolloutTimeline
{
    private RolloutTimeline(IReadOnlyList<PollSample> answered, IReadOnlyList<WeightStep> steps, IReadOnlyList<TimeWindow> keepCanary, IReadOnlyList<TimeWindow> rolledBack)
    {
        Answered = answered;
        Steps = steps;
        KeepCanaryWindows = keepCanary;
        RolledBackWindows = rolledBack;
    }

    /// <summary>The polls that got a document, in order.</summary>
    public IReadOnlyList<PollSample> Answered { get; }

    /// <summary>Stretches of one weight: the canary share of new users in each must match it.</summary>
    public IReadOnlyList<WeightStep> Steps { get; }

    /// <summary>Stretches in Progressing, Paused or Promoted where the weight never fell: a canary user must stay on canary.</summary>
    public IReadOnlyList<TimeWindow> KeepCanaryWindows { get; }

    /// <summary>Stretches in RolledBack: every user must be on stable.</summary>
    public IReadOnlyList<TimeWindow> RolledBackWindows { get; }

    public static RolloutTimeline Build(IReadOnlyList<PollSample> samples, TimeSpan margin)
    {
        var answered = samples.Where(s => s.Document is not null).ToArray();
        var m = margin.TotalSeconds;

        var steps = new List<WeightStep>();
        foreach (var (first, last) in Runs(answered, (previous, current) => current.Weight == previous.Weight, _ => true))
        {
            var phases = answered[first..(last + 1)].Select(s => s.Document!.Phase).Distinct(StringComparer.Ordinal);
            steps.Add(new WeightStep(
                steps.Count,
                answered[first].Document!.Weight,
                string.Join(", ", phases),
                new TimeWindow(answered[first].ReceivedAt, answered[last].SentAt),
                Narrow(answered, first, last, m)));
        }

        var keep = Runs(
                answered,
                (previous, current) => current.Weight >= previous.Weight,
                d => RolloutPhases.KeepsCanaryUsers(d.Phase))
            .Select(r => Narrow(answered, r.First, r.Last, m))
            .ToArray();
        var rolledBack = Runs(
                answered,
                (_, _) => true,
                d => RolloutPhases.Is(d.Phase, RolloutPhases.RolledBack))
            .Select(r => Narrow(answered, r.First, r.Last, m))
            .ToArray();
        return new RolloutTimeline(answered, steps, keep, rolledBack);
    }

    /// <summary>The polls that changed phase, step or weight (the first one included), for the report.</summary>
    public IReadOnlyList<PollSample> Changes()
    {
        var changes = new List<PollSample>();
        RolloutDocument? previous = null;
        foreach (var sample in Answered)
        {
            var d = sample.Document!;
            if (previous is null || d.Phase != previous.Phase || d.Step != previous.Step || d.Weight != previous.Weight)
            {
                changes.Add(sample);
            }

            previous = d;
        }

        return changes;
    }

    /// <summary>
    /// Maximal runs of consecutive polls that all satisfy <paramref name="include"/> and where each continues the one
    /// before it (<paramref name="continues"/>), as (first, last) indexes.
    /// </summary>
    private static List<(int First, int Last)> Runs(PollSample[] answered, Func<RolloutDocument, RolloutDocument, bool> continues, Func<RolloutDocument, bool> include)
    {
        var runs = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i < answered.Length; i++)
        {
            var current = answered[i].Document!;
            if (!include(current))
            {
                Close(i - 1);
                continue;
            }

            if (start >= 0 && !continues(answered[i - 1].Document!, current))
            {
                Close(i - 1);
            }

            if (start < 0)
            {
                start = i;
            }
        }

        Close(answered.Length - 1);
        return runs;

        void Close(int last)
        {
            if (start >= 0)
            {
                runs.Add((start, last));
                start = -1;
            }
        }
    }

    /// <summary>From the first poll's answer to the last poll's request, less the margin at both ends.</summary>
    private static TimeWindow Narrow(PollSample[] answered, int first, int last, double margin) =>
        new(answered[first].ReceivedAt + margin, answered[last].SentAt - margin);
}
