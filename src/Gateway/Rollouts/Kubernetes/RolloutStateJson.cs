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

        // An explicit null (a hand-edited document) would leave a non-nullable member null, which fails far away.
        return state with
        {
            Revision = state.Revision ?? string.Empty,
            Reason = state.Reason ?? string.Empty,
            RevisionsSeen = state.RevisionsSeen.IsDefault ? [] : [.. state.RevisionsSeen.Select(r => r ?? throw new JsonException("revisionsSeen holds a null"))],
            History = state.History.IsDefault ? [] : [.. state.History.Select(Checked)],
        };
    }

    private static RolloutTransition Checked(RolloutTransition? transition) =>
        transition is null ? throw new JsonException("history holds a null")
        : transition.Reason is null ? transition with { Reason = string.Empty }
        : transition;
}
