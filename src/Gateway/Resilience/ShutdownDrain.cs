using Microsoft.Extensions.Options;

namespace Gateway.Resilience;

/// <summary>
/// On shutdown, first turns <c>/readyz</c> to 503 and keeps serving for the drain period (Kubernetes needs a moment
/// to take the pod out of the Service's endpoints); only then does Kestrel stop accepting and finish in-flight requests.
/// </summary>
internal sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>True from the moment shutdown began.</summary>
    public bool Draining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var period = options.Value.DrainPeriod;
        LogDraining(logger, period);
        if (period > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(period, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out; stop now.
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Shutting down: /readyz answers 503; still serving for {DrainPeriod} before closing listeners")]
    private static partial void LogDraining(ILogger logger, TimeSpan drainPeriod);
}
