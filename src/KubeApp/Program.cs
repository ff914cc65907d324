namespace KubeApp;

/// <summary>Entry point of the sample app: a faithful port of the original Go program.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>
    /// Runs the app until SIGTERM/SIGINT; in-flight requests finish before the process exits. Exit code 2: invalid
    /// configuration (one line on stderr naming the variable).
    /// </summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Error);

    /// <summary><see cref="Main"/>, writing its one-line errors to <paramref name="error"/>.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        WebApplication app;
        try
        {
            app = KubeAppServer.Build(args);
        }
        catch (KubeAppConfigurationException ex)
        {
            await error.WriteLineAsync($"kubeapp: invalid configuration: {ex.Message}");
            return 2;
        }

        // RunAsync disposes the app once it has stopped.
        await app.RunAsync();
        return 0;
    }
}
