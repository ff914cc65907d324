using System.Globalization;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// How a transition reads as a Kubernetes Event: <c>action</c> is the phase reached, <c>reason</c> a CamelCase word
/// for <c>kubectl get events</c>' REASON column, <c>type</c> Warning only for a rollback (what an operator must look at).
/// </summary>
internal sealed record TransitionEvent(string Action, string Reason, string Type, string Note)
{
    /// <summary>kube-apiserver rejects a longer note (ValidateEventCreate).</summary>
    public const int NoteLimit = 1024;

    public static TransitionEvent For(RolloutTransition transition, string revision)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var reason = (transition.From, transition.To) switch
        {
            (RolloutPhase.Progressing, RolloutPhase.Progressing) => "RolloutStepAdvanced",
            (RolloutPhase.Paused, RolloutPhase.Progressing) => "RolloutResumed",
            (_, RolloutPhase.Progressing) => "RolloutProgressing",
            (_, RolloutPhase.Paused) => "RolloutPaused",
            (_, RolloutPhase.Promoted) => "RolloutPromoted",
            (_, RolloutPhase.Succeeded) => "RolloutSucceeded",
            (_, RolloutPhase.RolledBack) => "RolloutRolledBack",
            (_, RolloutPhase.Idle) => "RolloutReset",
            _ => "RolloutTransition",
        };
        var type = transition.To == RolloutPhase.RolledBack ? "Warning" : "Normal";
        return new TransitionEvent(transition.To.ToString(), reason, type, NoteOf(transition, revision));
    }

    /// <summary>e.g. <c>Progressing -> Progressing, step 2, weight 25%: step 1 passed 2 checks (revision kubeapp-canary-5f7c8d9b4)</c>.</summary>
    private static string NoteOf(RolloutTransition transition, string revision)
    {
        var step = transition.Step is { } index ? string.Create(CultureInfo.InvariantCulture, $", step {index}") : "";
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{transition.From} -> {transition.To}{step}, weight {transition.Weight:0.##}%: {transition.Reason}");
        if (!string.IsNullOrEmpty(revision))
        {
            note += $" (revision {revision})";
        }

        note = note.ReplaceLineEndings(" ");
        return note.Length <= NoteLimit ? note : string.Concat(note.AsSpan(0, NoteLimit - 1), "…");
    }
}
