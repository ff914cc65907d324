namespace KubeApp.Tests;

/// <summary>The entry point's answer to bad settings: one line on stderr naming the variable, exit code 2.</summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("KUBEAPP_FAILURE_RATE", "abc")]
    [InlineData("KUBEAPP_FAILURE_RATE", "1.5")]
    [InlineData("KUBEAPP_FAILURE_RATE", "-0.2")]
    [InlineData("KUBEAPP_EXTRA_LATENCY", "-100")]
    [InlineData("KUBEAPP_EXTRA_LATENCY", "slow")]
    [InlineData("KUBEAPP_VERSION", "two point oh")]
    [InlineData("KUBEAPP_VERSION", "2.0\n")]
    public async Task RunAsync_InvalidSetting_ExitsWithCode2AndOneLineNamingTheVariable(string variable, string value)
    {
        using var error = new StringWriter();

        // A loopback port of its own: should a bad value ever be accepted, the app must not take *:8080 from every other test.
        var exitCode = await Program.RunAsync([$"--{variable}={value}", "--urls=http://127.0.0.1:0"], error);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"kubeapp: invalid configuration: {variable} must be ", line, StringComparison.Ordinal);
    }
}
