using LoadTests.Cli;

namespace LoadTests.Tests.Growth;

/// <summary>Option validation of <c>growth</c> and <c>convergence</c>: rejected before anything is built or started.</summary>
public sealed class GrowthCommandLineTests
{
    [Theory]
    [InlineData("growth", "--endpoints", "4", "--endpoints must be between 5 and 10000, got 4")]
    [InlineData("growth", "--users", "50", "--users must be between 101 and 1000000, got 50")]
    [InlineData("growth", "--wrk-threads", "0", "--rounds, --connections and --wrk-threads must be at least 1")]
    [InlineData("convergence", "--slices", "0", "--slices must be between 1 and --endpoints (1), got 0")]
    [InlineData("convergence", "--endpoints", "0", "--endpoints must be between 1 and 10000, got 0")]
    [InlineData("convergence", "--changes", "0", "--changes must be at least 1, got 0")]
    public async Task Run_InvalidOption_ExitsWithUsageAndSaysWhy(string command, string option, string value, string message)
    {
        using var output = new StringWriter();

        var exit = await CanaryLoadCli.RunAsync([command, option, value], output);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }
}
