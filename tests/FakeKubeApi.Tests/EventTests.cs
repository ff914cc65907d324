using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FakeKubeApi.Tests;

/// <summary>events.k8s.io/v1 Events as a gateway reports rollout transitions.</summary>
public class EventTests
{
    [Fact]
    public async Task CreateNamespacedEvent_Complete_IsStoredAndReadableInOrder()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        await client.EventsV1.CreateNamespacedEventAsync(Objects.Event("Progressing", "step 0: weight 5"), Objects.Namespace);
        await client.EventsV1.CreateNamespacedEventAsync(Objects.Event("RolledBack", "error rate 20 %"), Objects.Namespace);

        var events = server.GetEvents(Objects.Namespace);
        Assert.Equal(["Progressing", "RolledBack"], events.Select(e => e.Reason));
        Assert.All(events, e => Assert.StartsWith(Objects.Canary + ".", e.Metadata.Name, StringComparison.Ordinal));
        Assert.Equal((Objects.Canary, "Deployment"), (events[1].Regarding.Name, events[1].Regarding.Kind));
    }

    [Fact]
    public async Task CreateNamespacedEvent_MissingRequiredFields_Throws422WithACausePerField()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var incomplete = Objects.Event("Progressing", "step 0");
        incomplete.ReportingController = null;
        incomplete.Action = null;
        incomplete.Regarding.NamespaceProperty = null;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.EventsV1.CreateNamespacedEventAsync(incomplete, Objects.Namespace));

        using var status = JsonDocument.Parse(error.Response.Content);
        var root = status.RootElement;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal(("Invalid", "Event", "events.k8s.io"), (root.GetProperty("reason").GetString(), root.GetProperty("details").GetProperty("kind").GetString(), root.GetProperty("details").GetProperty("group").GetString()));
        Assert.Equal(
            ["involvedObject.namespace", "reportingController", "action"],
            root.GetProperty("details").GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("field").GetString()));
        Assert.Empty(server.GetEvents());
    }

    [Fact]
    public async Task WaitForAsync_EventCreatedLater_CompletesWithIt()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());

        var waiting = server.WaitForAsync<Eventsv1Event>(Objects.Namespace, e => e.Reason == "RolledBack", Waits.Timeout);
        await client.EventsV1.CreateNamespacedEventAsync(Objects.Event("Progressing", "step 0"), Objects.Namespace);
        var stillWaiting = !waiting.IsCompleted;
        await client.EventsV1.CreateNamespacedEventAsync(Objects.Event("RolledBack", "error rate 20 %"), Objects.Namespace);
        var seen = await waiting;

        Assert.True(stillWaiting);
        Assert.Equal("error rate 20 %", seen.Note);
    }

    [Fact]
    public async Task WaitForAsync_NoneMatches_TimesOutListingTheObjects()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        server.Upsert(Objects.ConfigMap(Objects.Rollout, "{\"phase\":\"Idle\"}"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForAsync<V1ConfigMap>(Objects.Namespace, c => c.Data["state.json"].Contains("Promoted", StringComparison.Ordinal), TimeSpan.FromMilliseconds(100)));

        Assert.Contains("Idle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForAsync_MatchThrowsOnAnObject_TheWaiterGetsTheExceptionAndTheClientsWriteSucceeds()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var client = new Kubernetes(server.CreateClientConfiguration());
        var waiting = server.WaitForAsync<V1ConfigMap>(Objects.Namespace, c => c.Data["state.json"] == "x", Waits.Timeout);

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "empty" } }, Objects.Namespace);

        await Assert.ThrowsAsync<NullReferenceException>(() => waiting);
        Assert.Equal("empty", created.Metadata.Name);
    }
}
