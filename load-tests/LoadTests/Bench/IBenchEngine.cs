namespace LoadTests.Bench;

/// <summary>Drives a target with keep-alive connections, closed-loop, for a fixed time.</summary>
internal interface IBenchEngine
{
    string Description { get; }

    Task<RoundResult> RunAsync(BenchTarget target, int round, TimeSpan duration, CancellationToken cancellationToken);
}
