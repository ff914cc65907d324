using Gateway.Canary;
using Gateway.Rollouts;
using Gateway.Tracks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// The gateway's rollout services (static mode, in memory) on a fake clock, fed with simulated requests: an interval of
/// traffic, then the clock moves on by <c>Interval</c> and the controller's timer runs the check before
/// <see cref="RunIntervalAsync"/> returns. Twenty rollouts take well under a second.
/// </summary>
internal sealed class RolloutSimulation : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RolloutSimulation(ServiceProvider services, FakeTimeProvider time)
    {
        _services = services;
        Time = time;
        Controller = services.GetRequiredService<RolloutController>();
        Recorder = services.GetRequiredService<TrafficRecorder>();
        Rules = services.GetRequiredService<CanaryRulesProvider>();
    }

    public FakeTimeProvider Time { get; }

    public RolloutController Controller { get; }

    public TrafficRecorder Recorder { get; }

    public CanaryRulesProvider Rules { get; }

    public RolloutState State => Controller.State;

    /// <summary>Starts the rollout services with rollouts enabled and <paramref name="settings"/> ("Gateway:Rollout:..." keys).</summary>
    public static async Task<RolloutSimulation> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.3:8080",
            ["Gateway:Canary:Weight"] = "0",
            ["Gateway:Rollout:Enabled"] = "true",
            ["Gateway:Telemetry:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        GatewayApp.AddGatewayFeatures(services, configuration);
        var provider = services.BuildServiceProvider();
        var simulation = new RolloutSimulation(provider, time);
        await simulation.Controller.StartAsync(CancellationToken.None);
        await simulation.Controller.WhenIdleAsync();
        return simulation;
    }

    /// <summary>
    /// One interval: <paramref name="requests"/> requests from new users (a random bucket each) routed by the current
    /// rules and answered by <paramref name="pod"/>; then the clock moves one <c>Interval</c> on and the check runs.
    /// </summary>
    public async Task RunIntervalAsync(Random random, int requests, Func<Track, Random, (int Status, TimeSpan Latency)> pod)
    {
        var rules = Rules.Current;
        for (var i = 0; i < requests; i++)
        {
            var track = rules.TrackOf(random.Next(CanaryRules.BucketCount));
            var (status, latency) = pod(track, random);
            Recorder.Record(track, status, latency);
        }

        Time.Advance(Controller.Options.Interval);
        await Controller.WhenIdleAsync();
    }

    /// <summary>Runs intervals until the rollout leaves <c>Progressing</c> or <paramref name="maxIntervals"/> passed; the number run.</summary>
    public async Task<int> RunUntilSettledAsync(Random random, int requestsPerInterval, Func<Track, Random, (int Status, TimeSpan Latency)> pod, int maxIntervals = 100)
    {
        var intervals = 0;
        while (State.Phase == RolloutPhase.Progressing && intervals < maxIntervals)
        {
            await RunIntervalAsync(random, requestsPerInterval, pod);
            intervals++;
        }

        return intervals;
    }

    public async ValueTask DisposeAsync()
    {
        await Controller.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
