using System.Text.Json.Nodes;

namespace FakeKubeApi;

/// <summary>
/// The fields a kind's REST strategy owns rather than the client: metadata.generation for kinds that track it (1 on
/// creation, +1 whenever <c>spec</c> changes, so a controller's status.observedGeneration can say which spec it has
/// acted on), and <c>status</c> for kinds with a status subresource, which writes to the object itself cannot change.
/// uid, creationTimestamp and resourceVersion are the store's (<see cref="ResourceStore.Write"/>).
/// </summary>
internal static class ServerFields
{
    /// <summary>A new object: generation 1; through the API, an empty status (a client cannot create one with a status).</summary>
    public static void ForCreate(KubeResource resource, JsonObject next, bool fromApi)
    {
        var metadata = (JsonObject)next["metadata"]!;
        if (resource.TracksGeneration && (fromApi || metadata["generation"] is null))
        {
            metadata["generation"] = 1;
        }

        if (resource.HasStatusSubresource && fromApi)
        {
            next["status"] = new JsonObject();
        }
    }

    /// <summary>A changed object: generation carried over or bumped; through the API, the current status kept.</summary>
    public static void ForUpdate(KubeResource resource, StoredObject current, JsonObject next, bool fromApi)
    {
        var before = current.ParseJson();
        if (resource.TracksGeneration)
        {
            var generation = before["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            ((JsonObject)next["metadata"]!)["generation"] = JsonNode.DeepEquals(before["spec"], next["spec"]) ? generation : generation + 1;
        }

        if (resource.HasStatusSubresource && fromApi)
        {
            next.Remove("status");
            if (before["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }
    }

    /// <summary>
    /// Either of the above, for the test helpers that write objects directly: status as given (it is how a test plays
    /// the controller), generation managed unless the object being created brings its own.
    /// </summary>
    public static JsonObject ForSeed(KubeResource resource, StoredObject? current, JsonObject next)
    {
        if (current is null)
        {
            ForCreate(resource, next, fromApi: false);
        }
        else
        {
            ForUpdate(resource, current, next, fromApi: false);
        }

        return next;
    }
}
