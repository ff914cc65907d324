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

        var exitCode = await Program.RunAsync([$"--{variable}={value}"], error);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"kubeapp: invalid configuration: {variable} must be ", line, StringComparison.Ordinal);
    }
}
