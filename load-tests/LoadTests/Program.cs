using LoadTests.Cli;

namespace LoadTests;

/// <summary>Entry point of <c>canary-load</c>, the version-split load generator.</summary>
public static class Program
{
    /// <summary>Runs the command line; see <see cref="CanaryLoadCli"/> for the exit codes.</summary>
    public static Task<int> Main(string[] args) => CanaryLoadCli.RunAsync(args, handleSignals: true);
}
