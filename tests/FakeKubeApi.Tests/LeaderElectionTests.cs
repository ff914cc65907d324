using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>KubernetesClient's own LeaderElector with a LeaseLock, as the gateway replicas elect their rollout leader.</summary>
public class LeaderElectionTests
{
    [Fact]
    public async Task LeaderElector_LeaderStopsRenewing_TheOtherTakesOverAfterTheLease()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var log = new Timeline();
        using var a = Candidate(client, "a", log, TimeSpan.FromSeconds(1));
        using var b = Candidate(client, "b", log, TimeSpan.FromSeconds(1));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        var runA = a.RunUntilLeadershipLostAsync(stopA.Token);
        await log.WaitForAsync("a started leading");
        var runB = b.RunAndTryToHoldLeadershipForeverAsync(stopB.Token);
        await log.WaitForAsync("b sees leader a");
        await stopA.CancelAsync();
        await log.WaitForAsync("b started leading");
        var lease = await server.WaitForAsync<V1Lease>(Objects.Namespace, l => l.Spec.HolderIdentity == "b", Waits.Timeout);
        await stopB.CancelAsync();
        await Task.WhenAll(runA, runB).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Waits.Timeout);

        var events = log.Events.ToList();
        Assert.True(events.IndexOf("a stopped leading") < events.IndexOf("b started leading"), string.Join(", ", events));
        Assert.Equal(1, events.Count(e => e == "b started leading"));
        Assert.Equal((Objects.Rollout, 1), (lease.Metadata.Name, lease.Spec.LeaseTransitions));
    }

    [Fact]
    public async Task LeaderElector_TwoStartTogether_ExactlyOneLeadsAndTheOtherSeesIt()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var log = new Timeline();
        // A long lease: nothing here waits for one to expire, and a loaded machine must not make the leader lose it.
        using var a = Candidate(client, "a", log, TimeSpan.FromSeconds(10));
        using var b = Candidate(client, "b", log, TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();

        var runs = new[] { a.RunAndTryToHoldLeadershipForeverAsync(stop.Token), b.RunAndTryToHoldLeadershipForeverAsync(stop.Token) };
        var leader = await log.WaitForAnyAsync("a started leading", "b started leading") == "a started leading" ? "a" : "b";
        var follower = leader == "a" ? "b" : "a";
        await log.WaitForAsync($"{follower} sees leader {leader}");
        var followerLeads = (leader == "a" ? b : a).IsLeader();
        await server.Requests.WaitForAsync(r => r.Verb == KubeApiVerb.Update && r.StatusCode == 200, Waits.Timeout);
        await stop.CancelAsync();
        await Task.WhenAll(runs).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Waits.Timeout);

        Assert.False(followerLeads);
        Assert.DoesNotContain($"{follower} started leading", log.Events);
        // LeaseLock needs exactly these, which is what the gateway's Role grants on its Lease.
        Assert.Equal(
            ["create leases.coordination.k8s.io", $"get leases.coordination.k8s.io/{Objects.Rollout}", $"update leases.coordination.k8s.io/{Objects.Rollout}"],
            server.Requests.Accesses.Select(x => x.ToString()).Order(StringComparer.Ordinal));
    }

    private static LeaderElector Candidate(Kubernetes client, string identity, Timeline log, TimeSpan leaseDuration)
    {
        var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, Objects.Namespace, Objects.Rollout, identity))
        {
            LeaseDuration = leaseDuration,
            RenewDeadline = leaseDuration * 0.8,
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        elector.OnStartedLeading += () => log.Add($"{identity} started leading");
        elector.OnStoppedLeading += () => log.Add($"{identity} stopped leading");
        elector.OnNewLeader += leader => log.Add($"{identity} sees leader {leader}");
        return elector;
    }
}
