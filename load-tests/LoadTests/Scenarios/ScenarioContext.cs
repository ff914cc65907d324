using System.Diagnostics;
using LoadTests.Http;
using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>What every virtual user of a run shares.</summary>
internal sealed class ScenarioContext(TargetSettings target, LoadSimulation simulation, RunStatistics statistics)
{
    private long _start = Stopwatch.GetTimestamp();

    public TargetSettings Target { get; } = target;

    public LoadSimulation Simulation { get; } = simulation;

    public RunStatistics Statistics { get; } = statistics;

    public UserHandlerFactory Handlers { get; } = new(target);

    /// <summary>Follows each user's answers for a scenario's own verdicts; null for most scenarios.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public void Restart() => _start = Stopwatch.GetTimestamp();
}
