namespace Gateway;

/// <summary>Entry point of the canary gateway.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the gateway until SIGTERM/SIGINT.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.Run();
    }
}
