using Gateway.Canary;
using Gateway.Rollouts;
using Gateway.Tracks;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// The gate's two sides in virtual time (issue #13): seeded traffic, default settings (steps 5/10/25/50/100, two
/// checks per step, MinRequests 50, FailureLimit 2, MaxErrorRate 1 %, p99 ≤ 500 ms and ≤ 1.5 × stable's).
/// </summary>
public sealed class RolloutSimulationTests
{
    private const int Rollouts = 20;
    private const int RequestsPerInterval = 2000;
    private const double BackgroundErrorRate = 0.005;

    [Fact]
    public async Task CanaryAsGoodAsStable_TwentyRollouts_NoneRolledBack_AllPromoted()
    {
        for (var seed = 0; seed < Rollouts; seed++)
        {
            await using var simulation = await RolloutSimulation.StartAsync();
            var random = new Random(seed);

            var intervals = await simulation.RunUntilSettledAsync(random, RequestsPerInterval, (_, r) => Answer(r, BackgroundErrorRate, latencyFactor: 1));

            var document = simulation.Controller.Document();
            Assert.True(document.Phase == RolloutPhase.Promoted, $"seed {seed}: {document.Phase} after {intervals} intervals: {document.Reason}; checks: {string.Join(" | ", document.Checks.Select(c => $"{c.Verdict} {c.Why}"))}");
            // 5 steps x 2 checks, no wait and no fail on the way.
            Assert.Equal(10, intervals);
            Assert.All(document.Checks, check => Assert.Equal(RolloutVerdict.Pass, check.Verdict));
        }
    }

    [Fact]
    public async Task CanaryAnswering20PercentErrors_RolledBackWithinFailureLimitIntervals_EveryTime()
    {
        for (var seed = 0; seed < Rollouts; seed++)
        {
            await using var simulation = await RolloutSimulation.StartAsync();
            var random = new Random(seed);

            var intervals = await simulation.RunUntilSettledAsync(random, RequestsPerInterval, (track, r) => Answer(r, track == Track.Canary ? 0.2 : BackgroundErrorRate, latencyFactor: 1));

            var document = simulation.Controller.Document();
            Assert.Equal(RolloutPhase.RolledBack, document.Phase);
            Assert.True(intervals <= simulation.Controller.Options.FailureLimit, $"seed {seed}: rolled back after {intervals} intervals");
            Assert.All(document.Checks, check => Assert.Equal(RolloutVerdict.Fail, check.Verdict));
            Assert.Equal(0, simulation.Rules.Current.EffectiveWeight);
            Assert.Contains("with 99% confidence", document.Reason);
        }
    }

    [Fact]
    public async Task CanaryWithThreeTimesStablesP99_RolledBack_EveryTime()
    {
        for (var seed = 0; seed < Rollouts; seed++)
        {
            await using var simulation = await RolloutSimulation.StartAsync();
            var random = new Random(seed);

            var intervals = await simulation.RunUntilSettledAsync(random, RequestsPerInterval, (track, r) => Answer(r, BackgroundErrorRate, latencyFactor: track == Track.Canary ? 3 : 1));

            var document = simulation.Controller.Document();
            Assert.Equal(RolloutPhase.RolledBack, document.Phase);
            Assert.True(intervals <= simulation.Controller.Options.FailureLimit, $"seed {seed}: rolled back after {intervals} intervals");
            Assert.Contains("above stable's", document.Reason);
        }
    }

    [Fact]
    public async Task TooFewCanaryRequests_NoStepPassed_ChecksWait()
    {
        await using var simulation = await RolloutSimulation.StartAsync();
        var random = new Random(1);

        // 200 requests an interval: about 10 reach the canary at 5 %, far below MinRequests 50. Perfect answers.
        var intervals = await simulation.RunUntilSettledAsync(random, 200, (_, r) => Answer(r, 0, 1), maxIntervals: 30);

        Assert.Equal(30, intervals);
        Assert.Equal((RolloutPhase.Progressing, (int?)0), (simulation.State.Phase, simulation.State.Step));
        Assert.All(simulation.Controller.Document().Checks, check => Assert.Equal(RolloutVerdict.Wait, check.Verdict));
    }

    [Fact]
    public async Task WholeRollout_NoUserEverMovesFromCanaryBackToStable()
    {
        await using var simulation = await RolloutSimulation.StartAsync();
        var random = new Random(7);
        var users = Enumerable.Range(0, 2000).Select(_ => random.Next(CanaryRules.BucketCount)).ToArray();
        var onCanary = new bool[users.Length];
        var weights = new List<double>();

        while (simulation.State.Phase == RolloutPhase.Progressing)
        {
            var rules = simulation.Rules.Current;
            weights.Add(rules.EffectiveWeight);
            for (var i = 0; i < users.Length; i++)
            {
                var canary = rules.TrackOf(users[i]) == Track.Canary;
                Assert.False(onCanary[i] && !canary, $"user with bucket {users[i]} moved from canary back to stable at weight {rules.EffectiveWeight}");
                onCanary[i] = canary;
            }

            await simulation.RunIntervalAsync(random, RequestsPerInterval, (_, r) => Answer(r, BackgroundErrorRate, 1));
        }

        Assert.Equal(RolloutPhase.Promoted, simulation.State.Phase);
        Assert.Equal([5, 5, 10, 10, 25, 25, 50, 50, 100, 100], weights);
        Assert.All(users, bucket => Assert.Equal(Track.Canary, simulation.Rules.Current.TrackOf(bucket)));
    }

    /// <summary>A pod's answer: an error with <paramref name="errorRate"/>, a log-normal latency (median 20 ms, p99 ≈ 40 ms) times <paramref name="latencyFactor"/>.</summary>
    private static (int Status, TimeSpan Latency) Answer(Random random, double errorRate, double latencyFactor)
    {
        var status = random.NextDouble() < errorRate ? 500 : 200;
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (status, TimeSpan.FromMilliseconds(20 * Math.Exp(0.3 * normal) * latencyFactor));
    }
}
