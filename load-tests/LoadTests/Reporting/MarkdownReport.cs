using System.Text;

namespace LoadTests.Reporting;

/// <summary><c>report.md</c>: the verdict, the checks and the tables, with links to the charts.</summary>
internal static class MarkdownReport
{
    public static string Render(RunReport r, IReadOnlyList<string> charts)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {r.Tool} {r.Scenario}: {(r.Passed ? "PASSED" : "FAILED")}");
        md.AppendLine();
        md.AppendLine(r.Description);
        md.AppendLine();
        md.AppendLine($"- Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, ran {r.DurationSeconds:0.###} s ({r.EndReason})");
        md.AppendLine($"- Target `{r.Target.Url}`" + (r.Target.Host is { } h ? $", Host `{h}`" : "") + (r.Target.Resolve.Count > 0 ? $", resolve {string.Join(", ", r.Target.Resolve.Select(x => $"`{x}`"))}" : "") + $", TLS {r.Target.Tls}, canary version `{r.Target.CanaryVersion}`");
        md.AppendLine($"- Load: {r.Simulation.Description}" + (r.Simulation.UsersNotStarted > 0 ? $"; {r.Simulation.UsersNotStarted} users never started" : "") + (r.Simulation.LateArrivals > 0 ? $"; {r.Simulation.LateArrivals} arrived late (max active reached)" : ""));
        md.AppendLine($"- Command: `{r.CommandLine}`");
        md.AppendLine();

        md.AppendLine("## Checks");
        md.AppendLine();
        md.AppendLine("| Check | Result | Detail |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var c in r.Checks)
        {
            md.AppendLine($"| {c.Name} | {(c.Passed ? "pass" : "**FAIL**")} | {c.Detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        md.AppendLine();
        if (r.Rollout is { } rollout)
        {
            RolloutMarkdown.Append(md, rollout);
        }

        md.AppendLine("## Totals");
        md.AppendLine();
        var t = r.Totals;
        md.AppendLine($"- {Format.Num(t.Requests)} requests, {Format.Num(t.RequestsPerSecond)} req/s, {Format.Num(t.UsersStarted)} users");
        md.AppendLine($"- Errors: {t.ErrorRequests} ({Format.Pct(t.ErrorPercent)}): {Format.Errors(t.ErrorsByKind)}");
        md.AppendLine($"- Latency: {Format.Latency(t.Latency)}");
        md.AppendLine();

        foreach (var g in r.Groups)
        {
            md.AppendLine($"## Group `{g.Name}` ({g.Expectation})");
            md.AppendLine();
            md.AppendLine($"{g.UsersStarted} users ({g.UsersWithVersion} with an answer), {g.Requests} requests, {g.ErrorRequests} errors ({Format.Errors(g.ErrorsByKind)}), "
                + $"{g.StickinessViolations} users saw more than one version, {g.ForcedViolationRequests} answers of a forbidden version"
                + (g.TrackHeaderMissing > 0 ? $", {g.TrackHeaderMissing} answers without a track header" : "") + ".");
            md.AppendLine();
            md.AppendLine("| Version | Requests | Share of requests | Users | Share of users | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var v in g.Versions)
            {
                var l = v.Latency;
                md.AppendLine($"| {v.Version} | {v.Requests} | {Format.Pct(v.RequestSharePercent)} | {v.Users} | {Format.Pct(v.UserSharePercent)} | {Format.Ms(l.P50Ms)} | {Format.Ms(l.P90Ms)} | {Format.Ms(l.P99Ms)} | {Format.Ms(l.P999Ms)} | {Format.Ms(l.MaxMs)} |");
            }

            var all = g.Latency;
            md.AppendLine($"| all | {g.Requests} | | {g.UsersStarted} | | {Format.Ms(all.P50Ms)} | {Format.Ms(all.P90Ms)} | {Format.Ms(all.P99Ms)} | {Format.Ms(all.P999Ms)} | {Format.Ms(all.MaxMs)} |");
            md.AppendLine();
        }

        if (r.Share is { } s)
        {
            md.AppendLine("## Canary share");
            md.AppendLine();
            md.AppendLine($"Observed {s.ObservedPercent:0.###} % of {s.SampleSize} users, expected {s.ExpectedPercent:0.##} %. Each new user is a Bernoulli trial with p = expected share, so the share of n users has standard deviation sqrt(p(1−p)/n) = {s.StdDevPercent:0.###} pp; {s.Formula}.");
            md.AppendLine();
        }

        if (charts.Count > 0)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            foreach (var chart in charts)
            {
                md.AppendLine($"![{chart}]({chart})");
                md.AppendLine();
            }
        }

        return md.ToString();
    }
}
