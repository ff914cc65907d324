using Gateway.Configuration;

namespace Gateway;

/// <summary>Entry point of the canary gateway.</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>
    /// Runs the gateway until SIGTERM/SIGINT. Exit code 2: invalid configuration; 1: failed to start, or stopped by a
    /// failure after it had started.
    /// </summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Error);

    /// <summary><see cref="Main"/>, writing its one-line errors to <paramref name="error"/>; tests add services with <paramref name="configure"/>.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter error, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplication app;
        try
        {
            app = GatewayApp.Build(args, configure);
        }
        catch (GatewayConfigurationException ex)
        {
            await error.WriteLineAsync($"gateway: invalid configuration: {ex.Message}");
            return 2;
        }

        await using (app)
        {
            // Start and run apart (app.Run does both), so that only errors raised while starting say so.
            try
            {
                await app.StartAsync();
            }
            catch (GatewayConfigurationException ex)
            {
                // Found while starting, e.g. a kubeconfig that cannot be loaded.
                await error.WriteLineAsync($"gateway: invalid configuration: {ex.Message}");
                return 2;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                // E.g. "Failed to bind to address http://127.0.0.1:8080: address already in use."
                await error.WriteLineAsync($"gateway: failed to start: {ex.Message.ReplaceLineEndings(" ")}");
                return 1;
            }

            try
            {
                await app.WaitForShutdownAsync();
                return 0;
            }
            catch (Exception ex)
            {
                // Raised after a good start, e.g. by a hosted service while stopping (the host logs it in full), or,
                // from .NET 11, by a background service that failed: not a "failed to start".
                await error.WriteLineAsync($"gateway: stopped by a failure while running: {ex.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        }
    }
}
