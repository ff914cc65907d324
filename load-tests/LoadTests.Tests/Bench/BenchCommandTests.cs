using LoadTests.Cli;

namespace LoadTests.Tests.Bench;

/// <summary>The bench command refuses bad TLS options before it builds or starts anything.</summary>
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--h2-streams 0 --tls", "--h2-clients and --h2-streams must be at least 1")]
    [InlineData("--h2-clients 0 --tls-only", "--h2-clients and --h2-streams must be at least 1")]
    [InlineData("--nginx-tls-conf /nowhere/tls.conf", "--nginx-tls-conf needs --tls or --tls-only")]
    [InlineData("--tls --gateway-port 18591", "--gateway-port 18591:")]
    public async Task Bench_BadTlsOptions_ExitWithUsageAndOneLineReason(string arguments, string reason)
    {
        using var output = new StringWriter();

        var exit = await CanaryLoadCli.RunAsync(["bench", .. arguments.Split(' '), "--no-build"], output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"canary-load: {reason}", output.ToString(), StringComparison.Ordinal);
    }
}
