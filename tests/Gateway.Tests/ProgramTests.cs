using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests;

/// <summary>The entry point's exit codes and one-line errors, run in-process (<see cref="Hosting.GatewayProcessTests"/> runs the real process).</summary>
public sealed class ProgramTests
{
    private static readonly string[] ValidArgs =
    [
        "--Gateway:Listen:Http=http://127.0.0.1:0",
        "--Gateway:Listen:Management=http://127.0.0.1:0",
        "--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080",
        "--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080",
        "--Gateway:Shutdown:DrainPeriod=00:00:00",
        "--Logging:LogLevel:Default=None",
    ];

    [Theory]
    [InlineData("--Gateway:Telemetry:Enabled=maybe", "gateway: invalid configuration: Failed to convert configuration value 'maybe' at 'Gateway:Telemetry:Enabled' to type 'System.Boolean'.")]
    [InlineData("--Gateway:Telemetry:TraceSampleRatio=2", "gateway: invalid configuration: Gateway:Telemetry:TraceSampleRatio must be between 0 and 1, got '2'.")]
    [InlineData("--Gateway:Canary:Wieght=25", "gateway: invalid configuration: Gateway:Canary:Wieght is not a known setting (misspelt, or in the wrong section?).")]
    public async Task RunAsync_InvalidSetting_PrintsOneLineAndReturns2(string setting, string expectedLine)
    {
        using var error = new StringWriter();

        // Should the setting be accepted after all, the gateway stops once started instead of running on.
        var exitCode = await Program.RunAsync([.. ValidArgs, setting], error, builder => builder.Services.AddHostedService<StopsOnceStarted>());

        Assert.Equal(2, exitCode);
        Assert.Equal(expectedLine + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task RunAsync_FailureAfterStart_IsNotReportedAsAFailedStart()
    {
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync(ValidArgs, error, builder => builder.Services.AddHostedService<FailsAfterStart>());

        Assert.Equal(1, exitCode);
        var line = error.ToString().TrimEnd();
        Assert.StartsWith("gateway: stopped by a failure while running: ", line, StringComparison.Ordinal);
        Assert.Contains("lost its lease", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    private sealed class StopsOnceStarted(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Once the gateway runs, stops it and fails while stopping: an InvalidOperationException raised after a good start.</summary>
    private sealed class FailsAfterStart(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the watcher lost its lease");
    }
}
