using System.Net;
using System.Text;

namespace LoadTests.Reporting;

/// <summary><c>report.html</c>: one self-contained page (inline style, charts embedded as data URIs).</summary>
internal static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
        h1 .pass{color:#1a7f37}h1 .fail{color:#cf222e}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:right}
        th:first-child,td:first-child,td.text{text-align:left}tr.fail td{background:#ffebe9}tr.pass td:nth-child(2){color:#1a7f37}
        code{background:#f6f8fa;padding:.1rem .3rem}img{max-width:100%;border:1px solid #d0d7de;margin:.5rem 0}
        """;

    public static string Render(RunReport r, string directory, IReadOnlyList<string> charts)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"{r.Tool} {r.Scenario}"))
            .Append("</title><style>").Append(Style).Append("</style></head><body>");
        h.Append($"<h1>{E(r.Tool)} {E(r.Scenario)}: <span class=\"{(r.Passed ? "pass" : "fail")}\">{(r.Passed ? "PASSED" : "FAILED")}</span></h1>");
        h.Append($"<p>{E(r.Description)}</p><ul>");
        h.Append($"<li>Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, ran {r.DurationSeconds:0.###} s ({E(r.EndReason)})</li>");
        h.Append($"<li>Target <code>{E(r.Target.Url)}</code>{(r.Target.Host is { } host ? $", Host <code>{E(host)}</code>" : "")}{(r.Target.Resolve.Count > 0 ? $", resolve <code>{E(string.Join(", ", r.Target.Resolve))}</code>" : "")}, TLS {E(r.Target.Tls)}, canary version <code>{E(r.Target.CanaryVersion)}</code></li>");
        h.Append($"<li>Load: {E(r.Simulation.Description)}</li><li>Command: <code>{E(r.CommandLine)}</code></li></ul>");

        h.Append("<h2>Checks</h2><table><tr><th>Check</th><th>Result</th><th>Detail</th></tr>");
        foreach (var c in r.Checks)
        {
            h.Append($"<tr class=\"{(c.Passed ? "pass" : "fail")}\"><td>{E(c.Name)}</td><td class=\"text\">{(c.Passed ? "pass" : "FAIL")}</td><td class=\"text\">{E(c.Detail)}</td></tr>");
        }

        h.Append("</table>");
        if (r.Rollout is { } rollout)
        {
            RolloutHtml.Append(h, rollout);
        }

        var t = r.Totals;
        h.Append($"<h2>Totals</h2><p>{Format.Num(t.Requests)} requests, {Format.Num(t.RequestsPerSecond)} req/s, {Format.Num(t.UsersStarted)} users. Errors: {t.ErrorRequests} ({Format.Pct(t.ErrorPercent)}): {E(Format.Errors(t.ErrorsByKind))}. Latency: {E(Format.Latency(t.Latency))}.</p>");

        foreach (var g in r.Groups)
        {
            h.Append($"<h2>Group <code>{E(g.Name)}</code> ({E(g.Expectation)})</h2>");
            h.Append($"<p>{g.UsersStarted} users ({g.UsersWithVersion} with an answer), {g.Requests} requests, {g.ErrorRequests} errors ({E(Format.Errors(g.ErrorsByKind))}), {g.StickinessViolations} users saw more than one version, {g.ForcedViolationRequests} answers of a forbidden version.</p>");
            h.Append("<table><tr><th>Version</th><th>Requests</th><th>Share of requests</th><th>Users</th><th>Share of users</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
            foreach (var v in g.Versions)
            {
                var l = v.Latency;
                h.Append($"<tr><td>{E(v.Version)}</td><td>{v.Requests}</td><td>{Format.Pct(v.RequestSharePercent)}</td><td>{v.Users}</td><td>{Format.Pct(v.UserSharePercent)}</td><td>{Format.Ms(l.P50Ms)}</td><td>{Format.Ms(l.P90Ms)}</td><td>{Format.Ms(l.P99Ms)}</td><td>{Format.Ms(l.P999Ms)}</td><td>{Format.Ms(l.MaxMs)}</td></tr>");
            }

            var a = g.Latency;
            h.Append($"<tr><td>all</td><td>{g.Requests}</td><td></td><td>{g.UsersStarted}</td><td></td><td>{Format.Ms(a.P50Ms)}</td><td>{Format.Ms(a.P90Ms)}</td><td>{Format.Ms(a.P99Ms)}</td><td>{Format.Ms(a.P999Ms)}</td><td>{Format.Ms(a.MaxMs)}</td></tr></table>");
        }

        if (r.Share is { } s)
        {
            h.Append($"<h2>Canary share</h2><p>Observed {s.ObservedPercent:0.###} % of {s.SampleSize} users, expected {s.ExpectedPercent:0.##} %. Each new user is a Bernoulli trial with p = expected share, so the share of n users has standard deviation sqrt(p(1−p)/n) = {s.StdDevPercent:0.###} pp; {E(s.Formula)}.</p>");
        }

        foreach (var chart in charts)
        {
            var png = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(directory, chart)));
            h.Append($"<img alt=\"{E(chart)}\" src=\"data:image/png;base64,{png}\">");
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
