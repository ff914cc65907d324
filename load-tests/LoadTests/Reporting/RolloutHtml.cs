using System.Globalization;
using System.Net;
using System.Text;

namespace LoadTests.Reporting;

/// <summary>The rollout section of <c>report.html</c>: steps with their verdicts, moves, errors by track, and the gateway's own history and checks.</summary>
internal static class RolloutHtml
{
    public static void Append(StringBuilder h, RolloutReport r)
    {
        h.Append("<h2>Rollout</h2><ul>");
        h.Append($"<li>Outcome: <strong>{E(r.Outcome)}</strong> (expected <code>{E(r.Expected)}</code>)</li>");
        h.Append(I($"<li>Polled <code>{E(r.RolloutUrl)}</code> every {r.PollIntervalSeconds:0.###} s: {r.Polls} polls, {r.PollErrors} failed"))
            .Append(r.LastPollError is { } error ? $" (last: {E(error)})" : "")
            .Append(I($"; answers within {r.ChangeMarginSeconds:0.###} s of a change are not judged; users kept coming {r.TailSeconds:0.###} s after the final phase</li></ul>"));

        h.Append("<h3>Weight steps and the canary share of new users</h3>");
        h.Append("<table><tr><th>Step</th><th>Weight</th><th>Phases</th><th>Seen (s)</th><th>Judged (s)</th><th>New users</th><th>On canary</th><th>Observed</th><th>Accepted</th><th>Result</th></tr>");
        foreach (var s in r.Steps)
        {
            var css = s.Share is null ? "" : s.Share.Passed ? " class=\"pass\"" : " class=\"fail\"";
            h.Append(I($"<tr{css}><td>{s.Index}</td><td>{s.Weight:0.##} %</td><td class=\"text\">{E(s.Phases)}</td><td>{s.FromSeconds:0.00} – {s.ToSeconds:0.00}</td><td>{Judged(s)}</td><td>{s.NewUsers}</td><td>{s.CanaryUsers}</td>"))
                .Append(s.Share is { } share ? I($"<td>{share.ObservedPercent:0.###} %</td><td>{share.LowPercent:0.###} … {share.HighPercent:0.###} %</td>") : "<td></td><td></td>")
                .Append($"<td class=\"text\">{E(s.Verdict)}</td></tr>");
        }

        h.Append("</table>");
        var m = r.Moves;
        h.Append($"<p>Users between tracks: {m.Users} users; {m.MovesToCanary} moves stable → canary; {m.MovesBack} moves canary → stable, {m.MovesBackWhileRising} of them while the weight only rose{(m.Examples.Count > 0 ? ": " + E(string.Join("; ", m.Examples)) : "")}.</p>");
        if (r.Rollback is { } b)
        {
            h.Append(I($"<p>After the rollback ({b.FromSeconds:0.00} – {b.ToSeconds:0.00} s): {b.Answers} answers of {b.Users} users, {b.CanaryAnswers} of them ({b.CanaryUsers} users) from canary.</p>"));
        }

        var e = r.Errors;
        h.Append(I($"<p>Errors: canary {e.CanaryErrors} of {e.CanaryRequests} ({E(Format.Errors(e.CanaryErrorsByKind))}); everything else {e.OtherErrors} of {e.OtherRequests}, {e.OtherErrorPercent:0.###} % ({E(Format.Errors(e.OtherErrorsByKind))}).</p>"));

        h.Append("<h3>Changes seen by polling <code>GET /rollout</code></h3><table><tr><th>At (s)</th><th>Phase</th><th>Step</th><th>Weight</th><th>Reason</th></tr>");
        foreach (var c in r.Changes)
        {
            h.Append(I($"<tr><td>{c.AtSeconds:0.00}</td><td class=\"text\">{E(c.Phase)}</td><td>{c.Step}</td><td>{c.Weight:0.##} %</td><td class=\"text\">{E(c.Reason ?? "")}</td></tr>"));
        }

        h.Append("</table><h3>The gateway's rollout history (last poll)</h3><table><tr><th>Time</th><th>From</th><th>To</th><th>Step</th><th>Weight</th><th>Reason</th></tr>");
        foreach (var t in r.History)
        {
            h.Append(I($"<tr><td class=\"text\">{t.Time:yyyy-MM-dd HH:mm:ss.fff}</td><td class=\"text\">{E(t.From)}</td><td class=\"text\">{E(t.To)}</td><td>{t.Step}</td><td>{t.Weight:0.##} %</td><td class=\"text\">{E(t.Reason ?? "")}</td></tr>"));
        }

        h.Append("</table>");
        if (r.GatewayChecks.Count > 0)
        {
            h.Append("<h3>The gateway's analysis checks (last poll)</h3><table><tr><th>Time</th><th>Step</th><th>Weight</th><th>Verdict</th><th>Why</th><th>Canary req / err / p99 ms</th><th>Stable req / err / p99 ms</th></tr>");
            foreach (var c in r.GatewayChecks)
            {
                var css = c.Verdict == "fail" ? " class=\"fail\"" : "";
                h.Append(I($"<tr{css}><td class=\"text\">{c.Time:HH:mm:ss}</td><td>{c.Step}</td><td>{c.Weight:0.##} %</td><td class=\"text\">{E(c.Verdict)}</td><td class=\"text\">{E(c.Why ?? "")}</td><td>{Figures(c.Canary)}</td><td>{Figures(c.Stable)}</td></tr>"));
            }

            h.Append("</table>");
        }
    }

    /// <summary>"123 / 4 / 12.3", the way the gateway's check saw one track.</summary>
    internal static string Figures(Rollouts.RolloutTrackFigures? f) =>
        f is null ? "" : I($"{f.Requests} / {f.Errors} / {(f.P99Ms is { } p ? Format.Ms(p) : "–")}");

    internal static string Judged(RolloutStepReport s) =>
        s.JudgedToSeconds > s.JudgedFromSeconds ? I($"{s.JudgedFromSeconds:0.00} – {s.JudgedToSeconds:0.00}") : "none";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
