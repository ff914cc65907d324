using LoadTests.Http;
using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>Runs a scenario: lets users arrive on schedule, at most <see cref="LoadSimulation.MaxActiveUsers"/> at once, and waits for them.</summary>
internal sealed class ScenarioRunner
{
    private readonly ScenarioDefinition _scenario;
    private readonly ScenarioContext _context;
    private int _active;

    /// <param name="scenario">What the users do.</param>
    /// <param name="target">Where they send it.</param>
    /// <param name="simulation">How many arrive, and when.</param>
    /// <param name="observer">Follows each user's answers for the scenario's own verdicts (the rollout's), or null.</param>
    public ScenarioRunner(ScenarioDefinition scenario, TargetSettings target, LoadSimulation simulation, IRunObserver? observer = null)
    {
        _scenario = scenario;
        var statistics = new RunStatistics(scenario.Groups.Select(g => (g.Name, g.Expectation)).ToArray(), target.CanaryVersion);
        _context = new ScenarioContext(target, simulation, statistics) { Observer = observer };
    }

    public RunStatistics Statistics => _context.Statistics;

    public TimeSpan Elapsed => _context.Elapsed;

    public int ActiveUsers => Volatile.Read(ref _active);

    /// <summary>Runs until every user is done, the duration cap, <paramref name="stop"/> (end reason <c>stopped</c>) or Ctrl+C.</summary>
    /// <param name="cancellationToken">Ctrl+C: the run ends as <c>interrupted</c>.</param>
    /// <param name="stop">The scenario decided it has seen enough (the rollout reached its final phase): the run ends as <c>stopped</c>.</param>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken, CancellationToken stop = default)
    {
        var simulation = _context.Simulation;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop);
        run.CancelAfter(simulation.Duration);
        using var slots = new SemaphoreSlim(simulation.MaxActiveUsers);
        // A rollout run allows users until it ends (--users 1,000,000): don't reserve room for all of them.
        var users = new List<Task>(Math.Min(simulation.Users, 4096));
        var late = 0;
        var startedAt = DateTimeOffset.UtcNow;
        _context.Restart();
        try
        {
            for (var i = 0; i < simulation.Users; i++)
            {
                var due = simulation.ArrivalAt(i);
                var wait = due - _context.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, run.Token);
                }

                await slots.WaitAsync(run.Token);
                if (_context.Elapsed - due > TimeSpan.FromSeconds(1))
                {
                    late++;
                }

                var groupIndex = i % _scenario.Groups.Count;
                var user = new VirtualUser(groupIndex, _scenario.Groups[groupIndex], _context);
                Interlocked.Increment(ref _active);
                users.Add(Task.Run(async () =>
                {
                    try
                    {
                        await user.RunAsync(run.Token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _active);
                        slots.Release();
                    }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // The duration cap, the scenario's stop or Ctrl+C: users still arriving never start.
        }

        await Task.WhenAll(users);
        var reason = cancellationToken.IsCancellationRequested ? "interrupted"
            : stop.IsCancellationRequested ? "stopped"
            : run.IsCancellationRequested ? "duration cap"
            : "completed";
        var notStarted = simulation.ArriveUntilStopped ? 0 : simulation.Users - users.Count;
        return new RunResult(startedAt, _context.Elapsed, reason, notStarted, late, Statistics);
    }
}
