using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// <c>state.json</c> in the rollout ConfigMap: a <see cref="RolloutState"/> as camelCase JSON with the phase as its
/// enum name (the <c>GET /rollout</c> conventions of <c>StatusJson</c>). Reading it back gives the same state exactly,
/// so a new leader continues where the last one stopped. Unknown members are ignored, so a replica of an older version
/// still reads what a newer one wrote during a rolling update of the gateway.
/// </summary>
internal static class RolloutStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A null where the record allows none (a hand-edited document) is an unreadable document, not a null later on.
        RespectNullableAnnotations = true,
        // Operators read it with kubectl; 50 history entries stay far below the 1 MiB ConfigMap limit.
        WriteIndented = true,
        // A phase written as a number could name no phase at all; only the names are accepted.
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static string Serialize(RolloutState state) => JsonSerializer.Serialize(state, Options);

    /// <exception cref="JsonException">Not a state document.</exception>
    public static RolloutState Deserialize(string json)
    {
        var state = JsonSerializer.Deserialize<RolloutState>(json, Options) ?? throw new JsonException("state.json is null");

        // A hand-edited null inside an array would fail far from here; nulls elsewhere fail RespectNullableAnnotations.
        return state.RevisionsSeen.Contains(null!) || state.History.Contains(null!)
            ? throw new JsonException("revisionsSeen or history holds a null")
            : state;
    }
}
