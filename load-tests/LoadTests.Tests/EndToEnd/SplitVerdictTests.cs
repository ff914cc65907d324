using LoadTests.Cli;
using LoadTests.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadTests.Tests.EndToEnd;

/// <summary>
/// The tool driven through its command line against the real gateway and KubeApps in-process (and a fake gateway that
/// is not sticky): the verdicts and exit codes users rely on. Runs are a second or two each.
/// </summary>
public sealed class SplitVerdictTests(SplitTopologyFixture topology, ITestOutputHelper output) : IClassFixture<SplitTopologyFixture>
{
    // 400 users × 5 requests, arriving at 800/s: ~1 s of load.
    private static readonly string[] ShortLoad = ["--users", "400", "--arrival-rate", "800", "--requests", "5"];

    [Fact]
    public async Task Split_Weight25_Expect25_Passes()
    {
        var run = await Tool.RunAsync(["split", "--url", topology.GatewayUrl, "--host", "foo.bar", "--expect-canary", "25", .. ShortLoad]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        var report = run.Report;
        Assert.True(report.GetProperty("passed").GetBoolean());
        Assert.Equal(2000, report.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(0, report.GetProperty("totals").GetProperty("stickinessViolations").GetInt64());
        // n = 400 at p = 0.25: sd 2.17 pp, tolerance 4 × 2.17 + 0.5 = 9.16 pp; the report states it.
        Assert.Equal(9.16, report.GetProperty("share").GetProperty("tolerancePercent").GetDouble(), 0.01);
        foreach (var file in new[] { "report.md", "report.html", "canary-share.png", "latency.png", "throughput.png" })
        {
            Assert.True(File.Exists(Path.Combine(run.ReportDirectory, file)), file);
        }
    }

    [Fact]
    public async Task Split_Weight25_Expect60_FailsWithTheNumbers()
    {
        var run = await Tool.RunAsync(["split", "--url", topology.GatewayUrl, "--host", "foo.bar", "--expect-canary", "60", .. ShortLoad]);
        output.WriteLine(run.Output);

        // At n = 400 and p = 0.6 the tolerance is 4 × 2.45 + 0.5 = 10.3 pp: a 25 % split (±9 pp at 4 sd) is far outside.
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("FAILED split: canary share", run.Output, StringComparison.Ordinal);
        Assert.Contains("sqrt(0.6 × 0.4 / 400)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_GatewayIgnoringCookies_CaughtAsStickinessViolations()
    {
        var run = await Tool.RunAsync(["split", "--url", topology.Unsticky.Url.ToString(), "--host", "foo.bar", "--expect-canary", "25", .. ShortLoad]);
        output.WriteLine(run.Output);

        // A user sees one version in 5 random draws with probability 0.25^5 + 0.75^5 = 24 %: ~300 of 400 users flip.
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var violations = run.Report.GetProperty("totals").GetProperty("stickinessViolations").GetInt64();
        Assert.InRange(violations, 200, 400);
        Assert.Contains("FAILED split: stickiness", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, run.Report.GetProperty("totals").GetProperty("errorRequests").GetInt64());
    }

    [Fact]
    public async Task Force_CookieAndHeader_OnlyForcedVersion_Passes()
    {
        var run = await Tool.RunAsync(["force", "--url", topology.GatewayUrl, "--host", "foo.bar", "--users", "80", "--arrival-rate", "0", "--requests", "5"]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        Assert.Equal(4, run.Report.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Force_GatewayIgnoringForcing_Fails()
    {
        var run = await Tool.RunAsync(["force", "--url", topology.Unsticky.Url.ToString(), "--users", "40", "--arrival-rate", "0", "--requests", "5"]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.True(run.Report.GetProperty("totals").GetProperty("forcedViolationRequests").GetInt64() > 0);
    }

    [Fact]
    public async Task Host_PinnedCanaryHostAndSplitHost_Passes()
    {
        var run = await Tool.RunAsync(["host", "--url", topology.GatewayUrl, "--expect-canary", "25", .. ShortLoad]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        var groups = run.Report.GetProperty("groups");
        Assert.Equal(100.0, groups[0].GetProperty("canaryUserSharePercent").GetDouble());
        Assert.Equal(200, run.Report.GetProperty("share").GetProperty("sampleSize").GetInt64());
    }

    [Fact]
    public async Task Split_NothingListening_ConnectionRefusedErrorsFail()
    {
        var port = TestSupport.Loopback.FreePort();
        var run = await Tool.RunAsync(["split", "--url", $"http://127.0.0.1:{port}/", "--users", "5", "--arrival-rate", "0", "--requests", "2"]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var errors = run.Report.GetProperty("totals").GetProperty("errorsByKind");
        Assert.Equal(10, errors.GetProperty("connection-refused").GetInt64());
    }

    [Theory]
    [InlineData("--resolve", "foo.bar")]
    [InlineData("--users", "0")]
    [InlineData("--duration", "soon")]
    [InlineData("--cacert", "/no/such/file.pem")]
    public async Task Split_BadArguments_ExitCode2(string option, string value)
    {
        using var writer = new StringWriter();
        var exitCode = await CanaryLoadCli.RunAsync(["split", "--url", topology.GatewayUrl, option, value, "--no-live"], writer);
        output.WriteLine(writer.ToString());

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("canary-load:", writer.ToString(), StringComparison.Ordinal);
    }
}
