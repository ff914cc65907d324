using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gateway.Rollouts;
using Gateway.Tests.Infrastructure;
using k8s.Models;
using Manifests.Tests.Rbac;
using Xunit.Abstractions;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Rollouts.Replicas;

/// <summary>
/// Rollouts across three gateway replicas against the fake API server (DESIGN.md "Across gateway replicas"): one
/// leader decides over every replica's traffic, every replica applies the weight it writes, and the rollout survives
/// the leader, the API server and every gateway going away. Real time: waits are on signals, with generous caps.
/// </summary>
[Collection(SerialTests.Name)]
public sealed class RolloutReplicasTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HealthyCanary_ThreeReplicas_PromotedEverywhere_EveryReplicaAppliesEveryStepInOrder()
    {
        await using var cluster = await RolloutCluster.StartAsync(3);
        var leader = await cluster.WaitForLeaderAsync(Cap);
        await using (cluster.Load())
        {
            await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        }

        foreach (var replica in cluster.Replicas)
        {
            var report = System.Text.Json.JsonDocument.Parse(await replica.Management.GetStringAsync("/status")).RootElement.GetProperty("rollout");
            Assert.Equal(("Promoted", leader.Identity), (report.GetProperty("phase").GetString(), report.GetProperty("leader").GetString()));
            Assert.Equal(new double[] { 25, 50, 100 }, Steps(replica));
            var document = await replica.GetRolloutAsync();
            Assert.Equal(("Promoted", 100.0, replica.Identity, leader.Identity), (document.GetProperty("phase").GetString(), document.GetProperty("weight").GetDouble(), document.GetProperty("self").GetString(), document.GetProperty("leader").GetString()));
        }

        // Only the leader runs checks; every replica shows them (no check runs once Promoted, so they stay put).
        var checks = (await leader.GetRolloutAsync()).GetProperty("checks");
        Assert.True(checks.GetArrayLength() >= 3, checks.GetRawText());
        foreach (var follower in cluster.Replicas.Where(r => r != leader))
        {
            Assert.Equal(checks.GetRawText(), (await follower.GetRolloutAsync()).GetProperty("checks").GetRawText());
        }

        Assert.Equal(
            [("Idle", "Progressing"), ("Progressing", "Progressing"), ("Progressing", "Progressing"), ("Progressing", "Promoted")],
            leader.Store.Current.History.Select(t => (t.From.ToString(), t.To.ToString())));
    }

    [Fact]
    public async Task FiftyWeightChanges_EveryFollowerAppliesEveryOne_InOrder_PropagationReported()
    {
        await using var cluster = await RolloutCluster.StartAsync(3, null, "Gateway:Rollout:AutoStart=false");
        var leader = await cluster.WaitForLeaderAsync(Cap);
        var expected = new List<double>();
        var calls = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            // start sets the first step's weight, abort sets 0: two writes of the state, two weight changes.
            calls.Add(Stopwatch.GetTimestamp());
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync("start")).Status);
            calls.Add(Stopwatch.GetTimestamp());
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync("abort")).Status);
            expected.AddRange([25, 0]);
        }

        await cluster.WaitForAllAsync(s => s.History.Count(t => t.To == RolloutPhase.RolledBack) == 25, Cap, "25 rollbacks");
        foreach (var follower in cluster.Replicas.Where(r => r != leader))
        {
            // Each weight applied once, in the order written (the first one is the Idle weight at startup).
            Assert.Equal(expected, follower.AppliedWeights.Select(w => w.Weight).SkipWhile(w => w == 0));
        }

        var delays = new List<TimeSpan>();
        var sinceCall = new List<TimeSpan>();
        var leaderChanges = leader.AppliedWeights.SkipWhile(w => w.Weight == 0).ToArray();
        foreach (var follower in cluster.Replicas.Where(r => r != leader))
        {
            var followerChanges = follower.AppliedWeights.SkipWhile(w => w.Weight == 0).ToArray();
            delays.AddRange(leaderChanges.Zip(followerChanges, (l, f) => Stopwatch.GetElapsedTime(l.At, f.At)));
            sinceCall.AddRange(calls.Zip(followerChanges, (c, f) => Stopwatch.GetElapsedTime(c, f.At)));
        }

        Report("weight propagation, 50 changes x 2 followers, call sent to the leader -> follower applied (decision + ConfigMap write + watch)", sinceCall);
        Report("weight propagation, 50 changes x 2 followers, leader applied (its write answered) -> follower applied", delays);
    }

    [Fact]
    public async Task CanaryFailingOnOneFollowersTrafficOnly_LeaderJudgesAllReplicas_RolledBackEverywhere()
    {
        await using var cluster = await RolloutCluster.StartAsync(3, RolloutCluster.FailingCanary, "Gateway:Rollout:FailureLimit=1");
        var leader = await cluster.WaitForLeaderAsync(Cap);
        var failing = cluster.Replicas.First(r => r != leader);
        await using (cluster.Load(failingOn: r => r == failing))
        {
            await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.RolledBack, Cap, "RolledBack");
        }

        var reason = leader.Store.Current.Reason;
        Assert.Contains("canary errors", reason, StringComparison.Ordinal);

        // The leader's own traffic had no canary error: the failures it judged came from the follower.
        Assert.Equal(0, leader.Gateway.Service<TrafficRecorder>().Read().Canary.Errors);
        Assert.True(failing.Gateway.Service<TrafficRecorder>().Read().Canary.Errors > 0);
        Assert.All(cluster.Replicas, r => Assert.Equal(0, r.Weight));
    }

    [Fact]
    public async Task LeaderKilledMidRollout_AnotherTakesTheLeaseAfterItExpiresAndContinues_NoStepRepeatedOrSkipped_NoWeightRegression()
    {
        await using var cluster = await RolloutCluster.StartAsync(3, null, RolloutGateway.Steps(10, 20, 30, 40, 50, 60, 70, 80, 90, 100));
        var leader = await cluster.WaitForLeaderAsync(Cap);
        var survivors = cluster.Replicas.Where(r => r != leader).ToArray();
        await using var load = cluster.Load(targets: survivors);
        await leader.WaitForStateAsync(s => s.Phase == RolloutPhase.Progressing && s.Step >= 2, Cap, "step 3");

        var stopped = Stopwatch.StartNew();
        await cluster.KillAsync(leader);
        var next = await cluster.WaitForLeaderAsync(Cap);
        var failover = stopped.Elapsed;
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");

        Assert.NotEqual(leader.Identity, next.Identity);
        var steps = next.Store.Current.History.Where(t => t.To == RolloutPhase.Progressing).Select(t => t.Step).ToArray();
        Assert.Equal(new int?[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, steps);
        foreach (var replica in survivors)
        {
            var weights = Steps(replica);
            Assert.Equal(new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, weights);
        }

        Report("leader failover after a kill (Lease left to expire; LeaseDuration 2 s, RetryPeriod 0.25 s)", [failover]);
    }

    [Fact]
    public async Task LeaderShutsDownGracefully_ReleasesTheLease_AnotherLeadsAndContinues()
    {
        await using var cluster = await RolloutCluster.StartAsync(2, null, "Gateway:Rollout:LeaseDuration=00:00:30", "Gateway:Rollout:RenewDeadline=00:00:20", "Gateway:Rollout:RetryPeriod=00:00:00.250");
        var leader = await cluster.WaitForLeaderAsync(Cap);
        var other = cluster.Replicas.Single(r => r != leader);
        await using var load = cluster.Load(targets: [other]);
        await leader.WaitForStateAsync(s => s.Phase == RolloutPhase.Progressing && s.Step >= 1, Cap, "step 2");

        var stopped = Stopwatch.StartNew();
        await cluster.StopAsync(leader);
        var released = cluster.Api.Get<V1Lease>(Namespace, "canary-gateway-rollout");
        Assert.Equal((leader.Identity, 1), (released?.Spec.HolderIdentity, released?.Spec.LeaseDurationSeconds));

        // With a 30 s LeaseDuration, only the release lets the other replica lead before the cap.
        Assert.Same(other, await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20)));
        var failover = stopped.Elapsed;
        await other.WaitForStateAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        Assert.Equal(new int?[] { 0, 1, 2 }, other.Store.Current.History.Where(t => t.To == RolloutPhase.Progressing).Select(t => t.Step).ToArray());
        Report("leader failover after a graceful stop (Lease released; LeaseDuration 30 s, RetryPeriod 0.25 s)", [failover]);
    }

    [Fact]
    public async Task ApiServerAway20Seconds_RoutingContinuesAtTheLastWeight_NoReplicaChangesWeight_RolloutContinuesAfter()
    {
        await using var cluster = await RolloutCluster.StartAsync(3, null, RolloutGateway.Steps(10, 20, 30, 40, 50, 60, 70, 80, 90, 100));
        await cluster.WaitForLeaderAsync(Cap);
        await using var load = cluster.Load();
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Progressing && s.Step >= 1, Cap, "step 2");

        await cluster.Api.SetOutageAsync(true);
        var weights = cluster.Replicas.Select(r => r.Weight).ToArray();
        var applied = cluster.Replicas.Select(r => r.AppliedWeights.Count).ToArray();
        var sent = load.Sent;
        var failures = load.Failures.Count;
        await Task.Delay(TimeSpan.FromSeconds(20)); // the outage itself, not a wait for something
        var sentDuring = load.Sent - sent;
        var failedDuring = load.Failures.Count - failures;
        Assert.Equal(weights, cluster.Replicas.Select(r => r.Weight).ToArray());
        Assert.Equal(applied, cluster.Replicas.Select(r => r.AppliedWeights.Count).ToArray());
        Assert.True(sentDuring > 100, $"only {sentDuring} requests during the outage");
        Assert.Equal(0, failedDuring);
        Assert.Equal(weights[0], weights.Max());

        await cluster.Api.SetOutageAsync(false);
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        var leader = await cluster.WaitForLeaderAsync(Cap);
        Assert.Equal(new int?[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, leader.Store.Current.History.Where(t => t.To == RolloutPhase.Progressing).Select(t => t.Step).ToArray());
    }

    [Fact]
    public async Task TwoAbortsToTwoReplicasAtOnce_One200_One409_OneTransition()
    {
        await using var cluster = await RolloutCluster.StartAsync(3);
        var leader = await cluster.WaitForLeaderAsync(Cap);
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Progressing, Cap, "Progressing");
        var follower = cluster.Replicas.First(r => r != leader);

        var answers = await Task.WhenAll(leader.PostAsync("abort"), follower.PostAsync("abort"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
        Assert.Contains("already RolledBack", answers.Single(a => a.Status == HttpStatusCode.Conflict).Body.GetProperty("error").GetString(), StringComparison.Ordinal);
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.RolledBack, Cap, "RolledBack");
        Assert.Single(leader.Store.Current.History, t => t.To == RolloutPhase.RolledBack);
    }

    [Fact]
    public async Task CallOnAFollower_RunsOnTheLeader_AnsweredWithItsAnswer()
    {
        await using var cluster = await RolloutCluster.StartAsync(2, null, "Gateway:Rollout:AutoStart=false");
        var leader = await cluster.WaitForLeaderAsync(Cap);
        var follower = cluster.Replicas.Single(r => r != leader);

        var wrongToken = await follower.PostAsync("start", "wrong");
        var started = await follower.PostAsync("start");
        var again = await follower.PostAsync("start");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(("Progressing", leader.Identity), (started.Body.GetProperty("phase").GetString(), started.Body.GetProperty("self").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        await follower.WaitForStateAsync(s => s.Phase == RolloutPhase.Progressing, Cap, "Progressing");
        Assert.Single(leader.Store.Current.History);
    }

    [Fact]
    public async Task NoLeaderKnown_CallAnswered503WithTheReason_StatusShowsNoLeader()
    {
        await using var cluster = await RolloutCluster.StartAsync(0);
        cluster.Api.Forbid(FakeKubeApi.KubeApiVerb.Create, "leases");
        cluster.Api.Forbid(FakeKubeApi.KubeApiVerb.Get, "leases");
        var replica = await cluster.AddReplicaAsync();
        await replica.WaitForStateAsync(_ => replica.Controller.StateSynced, Cap, "state read");

        var (status, body) = await replica.PostAsync("pause");
        var document = await replica.GetRolloutAsync();
        var report = System.Text.Json.JsonDocument.Parse(await replica.Management.GetStringAsync("/status")).RootElement.GetProperty("rollout");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("no rollout leader is known", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, document.GetProperty("leader").ValueKind);
        Assert.Equal(replica.Identity, document.GetProperty("self").GetString());
        Assert.Equal((replica.Identity, System.Text.Json.JsonValueKind.Null, true), (report.GetProperty("self").GetString(), report.GetProperty("leader").ValueKind, report.GetProperty("stateSynced").GetBoolean()));
    }

    [Fact]
    public async Task PromotionDeployment_StablePatchedWithCanarysTemplate_Succeeded_CanaryScaledDown_EventsTellTheStory_CallsWithinTheRole()
    {
        await using var cluster = await RolloutCluster.StartAsync(0, null, "Gateway:Rollout:Promotion=Deployment", "Gateway:Rollout:ScaleDownCanary=true");
        cluster.Api.SetRbacRules(GatewayApiCalls.Rules(deploymentPromotion: true, scaleDownCanary: true).Select(PolicyRule));
        await cluster.AddReplicaAsync();
        await cluster.AddReplicaAsync();
        await cluster.AddReplicaAsync();
        var leader = await cluster.WaitForLeaderAsync(Cap);

        V1Deployment patched;
        await using (cluster.Load())
        {
            patched = await cluster.Api.WaitForAsync<V1Deployment>(Namespace, d => d.Metadata.Name == RolloutCluster.StableDeployment && d.Spec.Template.Spec.Containers[0].Image == "kubeapp:2.0", Cap);
        }

        // Not yet rolled out: weight 100 everywhere until the Deployment controller is done.
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        Assert.All(cluster.Replicas, r => Assert.Equal(100, r.Weight));
        cluster.Api.CompleteDeploymentRollout(Namespace, RolloutCluster.StableDeployment);
        await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Succeeded, Cap, "Succeeded");
        await cluster.Api.WaitForAsync<V1Deployment>(Namespace, d => d.Metadata.Name == RolloutCluster.CanaryDeployment && d.Spec.Replicas == 0, Cap);

        Assert.Empty(patched.Spec.Template.Spec.Containers[0].Env ?? []);
        Assert.Equal("stable", patched.Spec.Template.Metadata.Labels["track"]);
        Assert.All(cluster.Replicas, r => Assert.Equal(0, r.Weight));
        var history = leader.Store.Current.History;
        Assert.StartsWith($"promoted {RolloutCluster.CanaryReplicaSet}", history[^1].Reason, StringComparison.Ordinal);
        var events = await WaitForEventsAsync(cluster, history.Length);
        Assert.All(events, e => Assert.Equal((RolloutCluster.CanaryDeployment, "Deployment"), (e.Regarding.Name, e.Regarding.Kind)));
        Assert.Equal(["Progressing", "Progressing", "Progressing", "Promoted", "Succeeded"], events.Select(e => e.Action));

        // Every call any replica made is one the Role grants (the fake API enforced it), and every rule was needed.
        var accesses = cluster.Api.Requests.Accesses;
        foreach (var rule in GatewayApiCalls.Rules(deploymentPromotion: true, scaleDownCanary: true))
        {
            Assert.Contains(accesses, a => rule.Allows(a.Group, a.Resource, a.Verb, a.Name));
        }
    }

    [Fact]
    public async Task RolloutsDisabled_NoRolloutApiCalls_EnabledByAReload_ReplicasElectAndRollOut()
    {
        await using var cluster = await RolloutCluster.StartAsync(2, null, "Gateway:Rollout:Enabled=false");
        foreach (var replica in cluster.Replicas)
        {
            await replica.Controller.WhenIdleAsync();
        }

        // Discovery only: no Lease, no ConfigMap, no Event, while rollouts are off (the RBAC of a gateway without them
        // would not even allow more).
        Assert.All(cluster.Api.Requests.Accesses, a => Assert.Equal("endpointslices", a.Resource));
        Assert.Null(cluster.Api.Get<V1Lease>(Namespace, "canary-gateway-rollout"));

        foreach (var replica in cluster.Replicas)
        {
            replica.Gateway.Reloadable.SetAndReload(("Gateway:Rollout:Enabled", "true"));
        }

        await cluster.WaitForLeaderAsync(Cap);
        await using (cluster.Load())
        {
            await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        }
    }

    [Fact]
    public async Task EveryGatewayRestarted_StateSurvives_NoRolloutRestarted()
    {
        await using var cluster = await RolloutCluster.StartAsync(2);
        await cluster.WaitForLeaderAsync(Cap);
        await using (cluster.Load())
        {
            await cluster.WaitForAllAsync(s => s.Phase == RolloutPhase.Promoted, Cap, "Promoted");
        }

        var history = cluster.Replicas[0].Store.Current.History;
        foreach (var replica in cluster.Replicas.ToArray())
        {
            await cluster.StopAsync(replica);
        }

        await cluster.AddReplicaAsync();
        await cluster.AddReplicaAsync();
        var leader = await cluster.WaitForLeaderAsync(Cap);
        await leader.Controller.WhenIdleAsync();

        Assert.All(cluster.Replicas, r => Assert.Equal((RolloutPhase.Promoted, 100.0), (r.Store.Current.Phase, r.Weight)));
        Assert.Equal(history.Select(t => t.ToString()), leader.Store.Current.History.Select(t => t.ToString()));
    }

    /// <summary>The step weights a replica applied, in order (the Idle weight left out, a weight seen twice in a row once).</summary>
    private static double[] Steps(RolloutReplica replica)
    {
        var weights = replica.AppliedWeights.Select(w => w.Weight).Where(w => w != 0).ToList();
        return [.. weights.Where((w, i) => i == 0 || weights[i - 1] != w)];
    }

    private void Report(string what, IReadOnlyCollection<TimeSpan> figures)
    {
        var ordered = figures.Order().ToArray();
        string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        var line = $"{what}: n={ordered.Length} p50 {Ms(ordered[ordered.Length / 2])} p99 {Ms(ordered[Math.Min(ordered.Length - 1, (int)Math.Ceiling(ordered.Length * 0.99) - 1)])} max {Ms(ordered[^1])}";
        output.WriteLine(line);

        // Figures for the closing note: `ROLLOUT_FIGURES=/path dotnet test …` collects them in one file.
        if (Environment.GetEnvironmentVariable("ROLLOUT_FIGURES") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    private static async Task<IReadOnlyList<Eventsv1Event>> WaitForEventsAsync(RolloutCluster cluster, int count)
    {
        await cluster.Api.WaitForAsync<Eventsv1Event>(Namespace, _ => cluster.Api.GetEvents(Namespace).Count >= count, Cap);
        return cluster.Api.GetEvents(Namespace);
    }

    private static V1PolicyRule PolicyRule(GatewayApiCalls.Rule rule) => new()
    {
        ApiGroups = [rule.ApiGroup],
        Resources = [rule.Resource],
        Verbs = [.. rule.Verbs],
        ResourceNames = rule.ResourceNames is { Count: > 0 } names ? [.. names] : null,
    };
}
