using LoadTests.Cli;

namespace LoadTests.Tests.Infrastructure;

/// <summary>Runs the tool through its command-line entry point, capturing what it prints and the report it writes.</summary>
internal static class Tool
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var report = Directory.CreateTempSubdirectory("canary-load-test-").FullName;
        using var output = new StringWriter();
        var exitCode = await CanaryLoadCli.RunAsync([.. args, "--no-live", "--report", report], output);
        return new CliRun(exitCode, output.ToString(), report);
    }
}
