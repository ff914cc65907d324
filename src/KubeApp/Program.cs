namespace KubeApp;

/// <summary>Entry point of the sample app: a faithful port of the original Go program.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the app until SIGTERM/SIGINT; in-flight requests finish before the process exits.</summary>
    public static void Main(string[] args) => KubeAppServer.Build(args).Run();
}
