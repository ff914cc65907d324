using System.Net;
using FakeKubeApi;
using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Rollouts.Kubernetes.PromotionCluster;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>Transitions as events.k8s.io/v1 Events on the canary Deployment, created through the real KubernetesClient.</summary>
public sealed class KubernetesRolloutEventsTests : IAsyncLifetime
{
    private const string Identity = "canary-gateway-7d9f8c6b5-x2k9p";
    private const string Revision = "kubeapp-canary-5f7c8d9b4";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private PromotionCluster _cluster = null!;
    private V1Deployment _canary = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PromotionCluster.StartAsync();
        _canary = _cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Record_ThreeTransitions_ThreeEventsInOrderAboutTheCanaryDeployment()
    {
        await using var events = Events();

        events.Record(new RolloutTransition(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, $"new revision {Revision}"), Revision);
        _time.Advance(TimeSpan.FromSeconds(30));
        events.Record(new RolloutTransition(Start.AddSeconds(30), RolloutPhase.Progressing, RolloutPhase.Progressing, 1, 10, "step 0 passed 2 checks"), Revision);
        _time.Advance(TimeSpan.FromSeconds(30));
        events.Record(new RolloutTransition(Start.AddSeconds(60), RolloutPhase.Progressing, RolloutPhase.RolledBack, null, 0, "step 1 failed 2 checks: canary error rate 5% over 1%"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);

        var stored = _cluster.Api.GetEvents(Namespace);
        Assert.Equal(
            [
                ("Progressing", "RolloutProgressing", "Normal", $"Idle -> Progressing, step 0, weight 5%: new revision {Revision} (revision {Revision})"),
                ("Progressing", "RolloutStepAdvanced", "Normal", $"Progressing -> Progressing, step 1, weight 10%: step 0 passed 2 checks (revision {Revision})"),
                ("RolledBack", "RolloutRolledBack", "Warning", $"Progressing -> RolledBack, weight 0%: step 1 failed 2 checks: canary error rate 5% over 1% (revision {Revision})"),
            ],
            stored.Select(e => (e.Action, e.Reason, e.Type, e.Note)));
        Assert.Equal([Start, Start.AddSeconds(30), Start.AddSeconds(60)], stored.Select(e => new DateTimeOffset(e.EventTime!.Value.ToUniversalTime())));
        Assert.All(stored, e =>
        {
            Assert.Equal(("apps/v1", "Deployment", CanaryName, Namespace, _canary.Metadata.Uid), (e.Regarding.ApiVersion, e.Regarding.Kind, e.Regarding.Name, e.Regarding.NamespaceProperty, e.Regarding.Uid));
            Assert.Equal(("canary-gateway/rollout", Identity), (e.ReportingController, e.ReportingInstance));
            Assert.StartsWith($"{CanaryName}.", e.Metadata.Name, StringComparison.Ordinal);
        });
        // The uid is read once, not per Event.
        Assert.Single(_cluster.Api.Requests.All, r => r.Verb == KubeApiVerb.Get && r.Resource == "deployments");
    }

    [Fact]
    public async Task Record_ACreateFails_DoesNotThrowAndLaterEventsStillArrive()
    {
        await using var events = Events();
        _cluster.Api.FailNextRequests(1, HttpStatusCode.InternalServerError, KubeApiVerb.Create, "events");

        events.Record(new RolloutTransition(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, "new revision"), Revision);
        events.Record(new RolloutTransition(Start, RolloutPhase.Progressing, RolloutPhase.Paused, 0, 5, "paused by the management API"), Revision);
        events.Record(new RolloutTransition(Start, RolloutPhase.Paused, RolloutPhase.Progressing, 0, 5, "resumed by the management API"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);

        Assert.Equal(["RolloutPaused", "RolloutResumed"], _cluster.Api.GetEvents(Namespace).Select(e => e.Reason));
        var warning = Assert.Single(_cluster.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("cannot create Event RolloutProgressing: 500 Internal Server Error", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_EventsForbidden_OneWarningForTheKindThenEventsOnceAllowed()
    {
        await using var events = Events();
        _cluster.Api.Forbid(KubeApiVerb.Create, "events");

        events.Record(new RolloutTransition(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, "new revision"), Revision);
        events.Record(new RolloutTransition(Start, RolloutPhase.Progressing, RolloutPhase.Promoted, null, 100, "promoted by the management API"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);
        var forbidden = _cluster.Api.GetEvents(Namespace);
        _cluster.Api.ClearForbidden();
        events.Record(new RolloutTransition(Start, RolloutPhase.Promoted, RolloutPhase.Succeeded, null, 0, $"promoted {Revision}"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);

        Assert.Empty(forbidden);
        Assert.Equal(2, _cluster.Api.Requests.All.Count(r => r.Verb == KubeApiVerb.Create && r.StatusCode == 403));
        var warning = Assert.Single(_cluster.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("403 Forbidden (events.events.k8s.io is forbidden", warning.Message, StringComparison.Ordinal);
        Assert.Equal(("RolloutSucceeded", "Normal"), (Assert.Single(_cluster.Api.GetEvents(Namespace)).Reason, Assert.Single(_cluster.Api.GetEvents(Namespace)).Type));
    }

    [Fact]
    public async Task Record_CanaryDeploymentUnreadable_SendsWithoutUidThenLearnsItOnce()
    {
        await using var events = Events();
        _cluster.Api.Forbid(KubeApiVerb.Get, "deployments", CanaryName);

        events.Record(new RolloutTransition(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, "new revision"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);
        _cluster.Api.ClearForbidden();
        events.Record(new RolloutTransition(Start, RolloutPhase.Progressing, RolloutPhase.Paused, 0, 5, "paused"), Revision);
        events.Record(new RolloutTransition(Start, RolloutPhase.Paused, RolloutPhase.Idle, null, 0, "reset"), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);

        Assert.Equal([null, _canary.Metadata.Uid, _canary.Metadata.Uid], _cluster.Api.GetEvents(Namespace).Select(e => e.Regarding.Uid));
        Assert.Equal([403, 200], _cluster.Api.Requests.All.Where(r => r.Verb == KubeApiVerb.Get && r.Resource == "deployments").Select(r => r.StatusCode));
        Assert.Contains(_cluster.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"cannot get Deployment {CanaryName}: 403 Forbidden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_ReasonLongerThanTheNoteLimit_NoteCutTo1KBAndAccepted()
    {
        await using var events = Events();

        events.Record(new RolloutTransition(Start, RolloutPhase.Progressing, RolloutPhase.RolledBack, null, 0, new string('x', 2000)), Revision);
        await events.WhenIdleAsync().WaitAsync(Timeout);

        var note = Assert.Single(_cluster.Api.GetEvents(Namespace)).Note;
        Assert.Equal(TransitionEvent.NoteLimit, note.Length);
        Assert.StartsWith("Progressing -> RolledBack, weight 0%: xxx", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_ApiServerNeverAnswers_ReturnsAtOnceAndDisposeStillEnds()
    {
        await using var cluster = await PromotionCluster.StartAsync(new FakeKubeApiOptions { TimeProvider = _time });
        cluster.RolledOut(Deployment(CanaryName, "kubeapp:2.0", replicas: 1));
        var events = new KubernetesRolloutEvents(cluster.Client, Namespace, CanaryName, Identity, _time, cluster.Logger<KubernetesRolloutEvents>());
        // Held until the fake clock moves, which it never does here.
        cluster.Api.DelayNextRequests(1, TimeSpan.FromHours(1), KubeApiVerb.Create, resource: "events");

        events.Record(new RolloutTransition(Start, RolloutPhase.Idle, RolloutPhase.Progressing, 0, 5, "new revision"), Revision);
        await cluster.Api.Requests.WaitForAsync(r => r.Verb == KubeApiVerb.Create && r.Resource == "events", Timeout);
        var idleWhileHeld = events.WhenIdleAsync().IsCompleted;
        await events.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.False(idleWhileHeld);
    }

    [Theory]
    [InlineData(RolloutPhase.Idle, RolloutPhase.Progressing, "RolloutProgressing", "Normal")]
    [InlineData(RolloutPhase.RolledBack, RolloutPhase.Progressing, "RolloutProgressing", "Normal")]
    [InlineData(RolloutPhase.Progressing, RolloutPhase.Progressing, "RolloutStepAdvanced", "Normal")]
    [InlineData(RolloutPhase.Progressing, RolloutPhase.Paused, "RolloutPaused", "Normal")]
    [InlineData(RolloutPhase.Paused, RolloutPhase.Progressing, "RolloutResumed", "Normal")]
    [InlineData(RolloutPhase.Progressing, RolloutPhase.Promoted, "RolloutPromoted", "Normal")]
    [InlineData(RolloutPhase.Promoted, RolloutPhase.Succeeded, "RolloutSucceeded", "Normal")]
    [InlineData(RolloutPhase.Paused, RolloutPhase.RolledBack, "RolloutRolledBack", "Warning")]
    [InlineData(RolloutPhase.RolledBack, RolloutPhase.Idle, "RolloutReset", "Normal")]
    public void TransitionEvent_For_ReasonAndTypeByPhases(RolloutPhase from, RolloutPhase to, string reason, string type)
    {
        var e = TransitionEvent.For(new RolloutTransition(Start, from, to, null, 0, "why"), Revision);

        Assert.Equal((to.ToString(), reason, type), (e.Action, e.Reason, e.Type));
    }

    private KubernetesRolloutEvents Events() =>
        new(_cluster.Client, Namespace, CanaryName, Identity, _time, _cluster.Logger<KubernetesRolloutEvents>());
}
