using System.Globalization;
using System.Text;

namespace LoadTests.Reporting;

/// <summary>The rollout section of <c>report.md</c>.</summary>
internal static class RolloutMarkdown
{
    public static void Append(StringBuilder md, RolloutReport r)
    {
        md.AppendLine("## Rollout");
        md.AppendLine();
        md.AppendLine($"- Outcome: **{Cell(r.Outcome)}** (expected `{r.Expected}`)");
        md.AppendLine(I($"- Polled `{r.RolloutUrl}` every {r.PollIntervalSeconds:0.###} s: {r.Polls} polls, {r.PollErrors} failed") + (r.LastPollError is { } error ? $" (last: {error})" : ""));
        md.AppendLine(I($"- Answers within {r.ChangeMarginSeconds:0.###} s of a change are not judged; users kept coming {r.TailSeconds:0.###} s after the final phase"));
        var m = r.Moves;
        md.AppendLine($"- Users between tracks: {m.Users} users; {m.MovesToCanary} moves stable → canary; {m.MovesBack} canary → stable, {m.MovesBackWhileRising} of them while the weight only rose" + (m.Examples.Count > 0 ? ": " + string.Join("; ", m.Examples) : ""));
        if (r.Rollback is { } b)
        {
            md.AppendLine(I($"- After the rollback ({b.FromSeconds:0.00} – {b.ToSeconds:0.00} s): {b.Answers} answers of {b.Users} users, {b.CanaryAnswers} of them ({b.CanaryUsers} users) from canary"));
        }

        var e = r.Errors;
        md.AppendLine(I($"- Errors: canary {e.CanaryErrors} of {e.CanaryRequests} ({Format.Errors(e.CanaryErrorsByKind)}); everything else {e.OtherErrors} of {e.OtherRequests}, {e.OtherErrorPercent:0.###} % ({Format.Errors(e.OtherErrorsByKind)})"));
        md.AppendLine();

        md.AppendLine("### Weight steps and the canary share of new users");
        md.AppendLine();
        md.AppendLine("| Step | Weight | Phases | Seen (s) | Judged (s) | New users | On canary | Observed | Accepted | Result |");
        md.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in r.Steps)
        {
            var share = s.Share is { } c ? I($"{c.ObservedPercent:0.###} % | {c.LowPercent:0.###} … {c.HighPercent:0.###} %") : " | ";
            md.AppendLine(I($"| {s.Index} | {s.Weight:0.##} % | {s.Phases} | {s.FromSeconds:0.00} – {s.ToSeconds:0.00} | {RolloutHtml.Judged(s)} | {s.NewUsers} | {s.CanaryUsers} | {share} | {(s.Verdict == "fail" ? "**fail**" : s.Verdict)} |"));
        }

        md.AppendLine();
        md.AppendLine("### Changes seen by polling `GET /rollout`");
        md.AppendLine();
        md.AppendLine("| At (s) | Phase | Step | Weight | Reason |");
        md.AppendLine("| ---: | --- | ---: | ---: | --- |");
        foreach (var c in r.Changes)
        {
            md.AppendLine(I($"| {c.AtSeconds:0.00} | {c.Phase} | {c.Step} | {c.Weight:0.##} % | {Cell(c.Reason ?? "")} |"));
        }

        md.AppendLine();
        md.AppendLine("### The gateway's rollout history (last poll)");
        md.AppendLine();
        md.AppendLine("| Time | From | To | Step | Weight | Reason |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | --- |");
        foreach (var t in r.History)
        {
            md.AppendLine(I($"| {t.Time:yyyy-MM-dd HH:mm:ss.fff} | {t.From} | {t.To} | {t.Step} | {t.Weight:0.##} % | {Cell(t.Reason ?? "")} |"));
        }

        md.AppendLine();
        if (r.GatewayChecks.Count > 0)
        {
            md.AppendLine("### The gateway's analysis checks (last poll)");
            md.AppendLine();
            md.AppendLine("| Time | Step | Weight | Verdict | Why | Canary req / err / p99 ms | Stable req / err / p99 ms |");
            md.AppendLine("| --- | ---: | ---: | --- | --- | ---: | ---: |");
            foreach (var c in r.GatewayChecks)
            {
                md.AppendLine(I($"| {c.Time:HH:mm:ss} | {c.Step} | {c.Weight:0.##} % | {c.Verdict} | {Cell(c.Why ?? "")} | {RolloutHtml.Figures(c.Canary)} | {RolloutHtml.Figures(c.Stable)} |"));
            }

            md.AppendLine();
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
