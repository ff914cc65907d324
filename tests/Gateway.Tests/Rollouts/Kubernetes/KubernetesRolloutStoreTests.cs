using System.Net;
using FakeKubeApi;
using Gateway.Discovery.Kubernetes;
using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Rollouts.Kubernetes.StoreReplica;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>
/// The rollout state shared by gateway replicas through ConfigMap <c>canary-gateway-rollout</c>: each test runs one or
/// two stores ("replicas") against the fake API server through the real KubernetesClient.
/// </summary>
public sealed class KubernetesRolloutStoreTests : IAsyncLifetime
{
    private const string Name = RolloutObjectNames.Shared;
    private FakeKubeApiServer _api = null!;
    private readonly List<StoreReplica> _replicas = [];

    public async Task InitializeAsync() => _api = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    [Fact]
    public async Task TryReplace_NoConfigMapYet_CreatesItWithStateJson_AndRaisesChangedOnce()
    {
        var a = await StartAsync();
        var next = RolloutStates.Progressing(0);
        var synced = (a.Store.Synced, a.Store.Current, Exists: _api.Get<V1ConfigMap>(Namespace, Name) is not null);

        var written = await a.Store.TryReplaceAsync(RolloutState.Initial, next, CancellationToken.None);
        var map = _api.Get<V1ConfigMap>(Namespace, Name);

        // Our write's watch event must not raise Changed again: a later write by someone else, seen after it, shows
        // that the watch has delivered it.
        var other = RolloutStates.Progressing(1);
        Seed(RolloutStateJson.Serialize(other));
        await a.WaitForStateAsync(other);

        Assert.Equal((true, RolloutState.Initial, false), synced);
        Assert.True(written);
        Assert.Equal(RolloutStateJson.Serialize(next), map?.Data[RolloutObjectNames.StateKey]);
        Assert.Equal(2, a.Changes.Count);
        Assert.Same(next, a.Changes[0]);
        Assert.Equal(KubeApiVerb.Create, _api.Requests.All.Single(r => r.Verb is KubeApiVerb.Create or KubeApiVerb.Update).Verb);
    }

    [Fact]
    public async Task TryReplace_AfterOwnWrite_UpdatesWithTheWrittenResourceVersion()
    {
        var a = await StartAsync();
        var first = RolloutStates.Progressing(0);
        var second = RolloutStates.Progressing(1);

        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, first, CancellationToken.None));
        var created = _api.Get<V1ConfigMap>(Namespace, Name)!;
        Assert.True(await a.Store.TryReplaceAsync(first, second, CancellationToken.None));

        var update = _api.Requests.All.Single(r => r.Verb == KubeApiVerb.Update);
        Assert.Equal(200, update.StatusCode);
        Assert.Contains($"\"resourceVersion\":\"{created.Metadata.ResourceVersion}\"", update.Body, StringComparison.Ordinal);
        Assert.Same(second, a.Store.Current);
        Assert.Equal(RolloutStateJson.Serialize(second), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
    }

    [Fact]
    public async Task Write_ByOneReplica_SeenByTheOtherThroughTheWatch()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var next = RolloutStates.Full();

        Assert.True(await a.Store.TryReplaceAsync(a.Store.Current, next, CancellationToken.None));
        var seen = await b.WaitForStateAsync(next);

        Assert.Equal(RolloutStateJson.Serialize(next), RolloutStateJson.Serialize(b.Changes.Single()));
        Assert.Same(seen, b.Store.Current);
        Assert.Equal(next.History.ToArray(), seen.History.ToArray());
        Assert.Equal(next.RevisionsSeen.ToArray(), seen.RevisionsSeen.ToArray());
        Assert.Equal(next.UpdatedAt?.Offset, seen.UpdatedAt?.Offset);
    }

    [Fact]
    public async Task TryReplace_ExpectedIsNotCurrent_FalseWithoutARequest()
    {
        var a = await StartAsync();
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0), CancellationToken.None));
        var before = _api.Requests.LastSequence;

        var replaced = await a.Store.TryReplaceAsync(RolloutStates.Progressing(0), RolloutStates.Progressing(1), CancellationToken.None);

        Assert.False(replaced);
        Assert.DoesNotContain(_api.Requests.All, r => r.Sequence > before && r.Verb is not (KubeApiVerb.Watch or KubeApiVerb.List));
        Assert.Equal(RolloutStateJson.Serialize(RolloutStates.Progressing(0)), RolloutStateJson.Serialize(a.Store.Current));
    }

    [Fact]
    public async Task TryReplace_OtherReplicaUpdatedFirst_FalseNeverOverwrites_AndLoserHoldsTheWinnersState()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0), CancellationToken.None));
        var stale = await b.WaitForStateAsync(RolloutStates.Progressing(0));

        // b no longer hears of writes, so it still holds step 0 and its resourceVersion when a writes step 1.
        await b.StopWatchAsync();
        var winner = RolloutStates.Progressing(1);
        Assert.True(await a.Store.TryReplaceAsync(a.Store.Current, winner, CancellationToken.None));
        var replaced = await b.Store.TryReplaceAsync(stale, RolloutStates.Progressing(4, "kubeapp-canary-loser"), CancellationToken.None);

        Assert.False(replaced);
        Assert.Equal(409, _api.Requests.All.Last(r => r.Verb == KubeApiVerb.Update).StatusCode);
        Assert.Equal(RolloutStateJson.Serialize(winner), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
        Assert.Equal(RolloutStateJson.Serialize(winner), RolloutStateJson.Serialize(b.Store.Current));
        Assert.Equal(RolloutStateJson.Serialize(winner), RolloutStateJson.Serialize(b.Changes[^1]));
        Assert.True(await b.Store.TryReplaceAsync(b.Store.Current, RolloutStates.Progressing(2), CancellationToken.None));
    }

    [Fact]
    public async Task TryReplace_OtherReplicaCreatedFirst_FalseNeverOverwrites_AndLoserHoldsTheWinnersState()
    {
        var a = await StartAsync();
        var b = Track(StoreReplica.Create(_api));
        var winner = RolloutStates.Progressing(0);
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, winner, CancellationToken.None));

        var replaced = await b.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0, "kubeapp-canary-loser"), CancellationToken.None);

        Assert.False(replaced);
        Assert.Equal(409, _api.Requests.All.Last(r => r.Verb == KubeApiVerb.Create).StatusCode);
        Assert.Equal(RolloutStateJson.Serialize(winner), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
        Assert.Equal(RolloutStateJson.Serialize(winner), RolloutStateJson.Serialize(b.Store.Current));
        Assert.Single(b.Changes);
    }

    [Fact]
    public async Task WatchBehindAReRead_OlderEventsDropped_CurrentNeverMovesBack()
    {
        // b's watch answer is held back (on a fake clock) while a writes twice and b's lost write re-reads the
        // latest: the held-back watch then replays the older write, which must not move b back a step.
        var clock = new FakeTimeProvider();
        await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions { TimeProvider = clock });
        api.DelayNextRequests(1, TimeSpan.FromMinutes(1), KubeApiVerb.Watch, resource: "configmaps");
        await using var b = await StoreReplica.StartAsync(api);
        await api.Requests.WaitForWatchAsync(null, WaitTimeout);
        await using var a = await StoreReplica.StartAsync(api);
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0), CancellationToken.None));
        var latest = RolloutStates.Progressing(1);
        Assert.True(await a.Store.TryReplaceAsync(a.Store.Current, latest, CancellationToken.None));
        Assert.False(await b.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0, "kubeapp-canary-loser"), CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(1));
        var after = RolloutStates.Progressing(2);
        Assert.True(await a.Store.TryReplaceAsync(a.Store.Current, after, CancellationToken.None));
        await b.WaitForStateAsync(after);

        Assert.Equal(
            [RolloutStateJson.Serialize(latest), RolloutStateJson.Serialize(after)],
            b.Changes.Select(RolloutStateJson.Serialize));
    }

    [Fact]
    public async Task BeforeFirstList_InitialAndNotSynced_ThenTheStoredState()
    {
        var stored = RolloutStates.Full();
        Seed(RolloutStateJson.Serialize(stored));
        _api.Forbid(KubeApiVerb.List, "configmaps");
        var a = await StartAsync(synced: false);
        await _api.Requests.WaitForListAsync(r => r.StatusCode == 403, WaitTimeout);
        var before = (a.Store.Synced, a.Store.Current);

        _api.ClearForbidden();
        await a.Store.WhenSyncedAsync(CancellationToken.None).WaitAsync(WaitTimeout);

        Assert.Equal((false, RolloutState.Initial), before);
        Assert.Equal(RolloutStateJson.Serialize(stored), RolloutStateJson.Serialize(a.Store.Current));
        Assert.DoesNotContain(_api.Requests.All, r => r.Verb is KubeApiVerb.Create or KubeApiVerb.Update);
    }

    [Fact]
    public async Task ApiServerAway_KeepsTheLastState_WritesFailWithoutThrowing_ThenRecovers()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var last = RolloutStates.Progressing(0);
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, last, CancellationToken.None));
        await b.WaitForStateAsync(last);

        await _api.SetOutageAsync(true);
        var during = await a.Store.TryReplaceAsync(last, RolloutStates.Progressing(1), CancellationToken.None);
        await b.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("Kubernetes API error", StringComparison.Ordinal), WaitTimeout);
        var kept = (a.Store.Current, RolloutStateJson.Serialize(b.Store.Current));
        await _api.SetOutageAsync(false);
        var after = RolloutStates.Progressing(2);
        var written = await a.Store.TryReplaceAsync(last, after, CancellationToken.None);
        await b.WaitForStateAsync(after);

        Assert.False(during);
        Assert.Equal((last, RolloutStateJson.Serialize(last)), kept);
        Assert.True(written);
        Assert.Contains(a.Logs.Entries, e => e.Message.Contains("Rollout state not written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_StoppedWhileBackingOff_EndsWithoutThrowing()
    {
        _api.Forbid(KubeApiVerb.List, "configmaps");
        var a = await StartAsync(synced: false, new KubernetesWatchOptions { BackoffInitial = TimeSpan.FromHours(1), BackoffMax = TimeSpan.FromHours(1) });
        await a.Logs.WaitForAsync(e => e.Message.Contains("retrying in", StringComparison.Ordinal), WaitTimeout);

        await a.StopWatchAsync();

        Assert.True(a.Running.IsCompletedSuccessfully);
        Assert.False(a.Store.Synced);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task TryReplace_ApiAnswersAnError_FalseAndLogged_StateKept(HttpStatusCode status)
    {
        var a = await StartAsync();
        var last = RolloutStates.Progressing(0);
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, last, CancellationToken.None));
        _api.FailNextRequests(1, status, KubeApiVerb.Update, "configmaps");

        var replaced = await a.Store.TryReplaceAsync(last, RolloutStates.Progressing(1), CancellationToken.None);

        Assert.False(replaced);
        Assert.Same(last, a.Store.Current);
        Assert.Equal(RolloutStateJson.Serialize(last), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
        Assert.Contains(a.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.True(await a.Store.TryReplaceAsync(last, RolloutStates.Progressing(1), CancellationToken.None));
    }

    [Fact]
    public async Task WatchExpired_410_ReListsAndFollowsLaterWrites()
    {
        var a = await StartAsync();
        var lists = _api.Requests.ListCount;

        // Something else moves the resourceVersion past a's, the history is compacted, then a's watch ends: a's
        // re-watch from its old resourceVersion gets 410 Expired.
        _api.Upsert(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "unrelated", NamespaceProperty = Namespace } });
        _api.Compact();
        _api.EndWatchStreams();
        await a.Logs.WaitForAsync(e => e.Message.Contains("(410); re-listing", StringComparison.Ordinal), WaitTimeout);
        await _api.Requests.WaitForListAsync(r => r.Sequence > lists && r.StatusCode == 200 && r.FieldSelector == $"metadata.name={Name}", WaitTimeout);
        var later = RolloutStates.Progressing(3);
        Seed(RolloutStateJson.Serialize(later));

        Assert.Equal(RolloutStateJson.Serialize(later), RolloutStateJson.Serialize(await a.WaitForStateAsync(later)));
        Assert.Equal(lists + 1, _api.Requests.Lists.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public async Task UnreadableStateJson_LastGoodKeptAndErrorLogged_UntilTheLeaderWritesAValidOne()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var good = RolloutStates.Full();
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, good, CancellationToken.None));
        var bGood = await b.WaitForStateAsync(good);

        Seed("{\"phase\": \"Progre");
        await a.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains("no readable state.json", StringComparison.Ordinal), WaitTimeout);
        await b.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.Contains("no readable state.json", StringComparison.Ordinal), WaitTimeout);
        var kept = (a.Store.Current, b.Store.Current, _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
        var repaired = RolloutStates.Progressing(1);
        var written = await a.Store.TryReplaceAsync(good, repaired, CancellationToken.None);
        await b.WaitForStateAsync(repaired);

        Assert.Equal((good, bGood, "{\"phase\": \"Progre"), kept);
        Assert.True(written);
        Assert.Equal(RolloutStateJson.Serialize(repaired), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
        Assert.Collection(a.Changes, s => Assert.Same(good, s), s => Assert.Same(repaired, s));
    }

    [Fact]
    public async Task ConfigMapDeleted_StateKeptWithAWarning_NextWriteRecreatesIt()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var last = RolloutStates.Full();
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, last, CancellationToken.None));
        var bLast = await b.WaitForStateAsync(last);

        _api.Delete<V1ConfigMap>(Namespace, Name);
        await a.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("was deleted", StringComparison.Ordinal), WaitTimeout);
        await b.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("was deleted", StringComparison.Ordinal), WaitTimeout);
        var kept = (a.Store.Current, b.Store.Current);
        var next = RolloutStates.Progressing(3);
        var written = await a.Store.TryReplaceAsync(last, next, CancellationToken.None);
        await b.WaitForStateAsync(next);

        Assert.Equal((last, bLast), kept);
        Assert.True(written);
        Assert.Equal(2, _api.Requests.All.Count(r => r.Verb == KubeApiVerb.Create && r.StatusCode == 201));
        Assert.Equal(RolloutStateJson.Serialize(next), _api.Get<V1ConfigMap>(Namespace, Name)!.Data[RolloutObjectNames.StateKey]);
    }

    [Fact]
    public async Task Store_CreateUpdateLoseAndWatch_UsesOnlyTheRolesVerbs()
    {
        _api.SetRbacRules(
        [
            new() { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = [Name], Verbs = ["get", "list", "watch", "update"] },
            new() { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["create"] },
        ]);
        var a = await StartAsync();
        var b = await StartAsync();
        Assert.True(await a.Store.TryReplaceAsync(RolloutState.Initial, RolloutStates.Progressing(0), CancellationToken.None));
        var stale = await b.WaitForStateAsync(RolloutStates.Progressing(0));
        await b.StopWatchAsync();
        Assert.True(await a.Store.TryReplaceAsync(a.Store.Current, RolloutStates.Progressing(1), CancellationToken.None));
        Assert.False(await b.Store.TryReplaceAsync(stale, RolloutStates.Progressing(2), CancellationToken.None));

        Assert.DoesNotContain(_api.Requests.All, r => r.StatusCode == 403);
        Assert.Equal(
            ["create configmaps", $"get configmaps/{Name}", $"list configmaps/{Name}", $"update configmaps/{Name}", $"watch configmaps/{Name}"],
            _api.Requests.Accesses.Select(x => x.ToString()).Order(StringComparer.Ordinal));
    }

    private async Task<StoreReplica> StartAsync(bool synced = true, KubernetesWatchOptions? timings = null) => Track(await StoreReplica.StartAsync(_api, synced, timings));

    private StoreReplica Track(StoreReplica replica)
    {
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Writes the ConfigMap directly, as another replica or <c>kubectl edit</c> would.</summary>
    private void Seed(string stateJson) => _api.Upsert(new V1ConfigMap
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
        Data = new Dictionary<string, string> { [RolloutObjectNames.StateKey] = stateJson },
    });
}
