using Gateway.Hosting;

namespace Gateway;

/// <summary>Entry point of the canary gateway.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the gateway until SIGTERM/SIGINT. Exit code 2: invalid configuration; 1: failed to start.</summary>
    public static int Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = GatewayApp.Build(args);
        }
        catch (GatewayConfigurationException ex)
        {
            Console.Error.WriteLine($"gateway: invalid configuration: {ex.Message}");
            return 2;
        }

        try
        {
            app.Run();
            return 0;
        }
        catch (GatewayConfigurationException ex)
        {
            // Found while starting, e.g. a kubeconfig that cannot be loaded.
            Console.Error.WriteLine($"gateway: invalid configuration: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // E.g. "Failed to bind to address http://127.0.0.1:8080: address already in use."
            Console.Error.WriteLine($"gateway: failed to start: {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
