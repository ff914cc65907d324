using System.Collections.Immutable;
using System.Text.Json;
using Gateway.Rollouts;
using Gateway.Rollouts.Kubernetes;

namespace Gateway.Tests.Rollouts.Kubernetes;

public sealed class RolloutStateJsonTests
{
    [Fact]
    public void Deserialize_FullState_GivesBackExactlyWhatWasSerialised()
    {
        var state = RolloutStates.Full();

        var read = RolloutStateJson.Deserialize(RolloutStateJson.Serialize(state));

        // Record equality compares ImmutableArrays by reference and DateTimeOffsets by instant: compare those apart.
        Assert.Equal(WithoutArrays(state), WithoutArrays(read));
        Assert.Equal(state.RevisionsSeen.ToArray(), read.RevisionsSeen.ToArray());
        Assert.Equal(state.History.ToArray(), read.History.ToArray());
        Assert.Equal((state.StartedAt?.Offset, state.StartedAt?.Ticks), (read.StartedAt?.Offset, read.StartedAt?.Ticks));
        Assert.Equal((state.UpdatedAt?.Offset, state.UpdatedAt?.Ticks), (read.UpdatedAt?.Offset, read.UpdatedAt?.Ticks));
        Assert.Equal(0.1 + 0.2, read.History[1].Weight);
        Assert.Null(read.StepStartedAt);
        Assert.Null(read.History[2].Step);
    }

    [Fact]
    public void Serialize_State_CamelCaseWithPhaseNamesAndNulls()
    {
        var json = JsonDocument.Parse(RolloutStateJson.Serialize(RolloutStates.Full())).RootElement;

        Assert.Equal(
            ["phase", "step", "revision", "startedAt", "updatedAt", "reason", "passes", "failures", "stepStartedAt", "revisionsSeen", "history"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Paused", json.GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("stepStartedAt").ValueKind);
        Assert.Equal(["time", "from", "to", "step", "weight", "reason"], json.GetProperty("history")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Progressing", "RolledBack"), (json.GetProperty("history")[2].GetProperty("from").GetString(), json.GetProperty("history")[2].GetProperty("to").GetString()));
    }

    [Fact]
    public void Deserialize_Initial_IsInitialsValues()
    {
        var read = RolloutStateJson.Deserialize(RolloutStateJson.Serialize(RolloutState.Initial));

        Assert.Equal(WithoutArrays(RolloutState.Initial), WithoutArrays(read));
        Assert.Empty(read.RevisionsSeen);
        Assert.Empty(read.History);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"phase":"Sideways"}""")]
    [InlineData("""{"phase":3}""")]
    [InlineData("""{"phase":"Idle","history":[null]}""")]
    [InlineData("""{"phase":"Idle","revisionsSeen":[null]}""")]
    [InlineData("[]")]
    [InlineData("""{"phase":"Idle","revision":null}""")]
    [InlineData("""{"phase":"Idle","reason":null}""")]
    [InlineData("""{"phase":"Idle","revisionsSeen":null}""")]
    [InlineData("""{"phase":"Idle","history":[{"time":"2026-12-01T17:00:00+00:00","from":"Idle","to":"Idle","step":null,"weight":0,"reason":null}]}""")]
    public void Deserialize_NotAState_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => RolloutStateJson.Deserialize(json));

    private static RolloutState WithoutArrays(RolloutState state) =>
        state with { RevisionsSeen = ImmutableArray<string>.Empty, History = ImmutableArray<RolloutTransition>.Empty };
}
