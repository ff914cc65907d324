using System.Text.Json.Serialization;

namespace Gateway.Rollouts;

/// <summary>The outcome of one analysis check; <c>pass</c>, <c>fail</c>, <c>wait</c> in JSON.</summary>
public enum RolloutVerdict
{
    /// <summary>Within every gate: counts towards <c>ChecksPerStep</c>.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>Worse than a gate: counts towards <c>FailureLimit</c>.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Fewer canary requests than <c>MinRequests</c>: counts for nothing.</summary>
    [JsonStringEnumMemberName("wait")]
    Wait,
}
