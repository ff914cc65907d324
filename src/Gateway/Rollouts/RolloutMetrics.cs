using System.Diagnostics.Metrics;
using Gateway.Telemetry;

namespace Gateway.Rollouts;

/// <summary>The rollout instruments of the <c>Gateway</c> meter (DESIGN.md "Rollouts", Metrics).</summary>
internal sealed class RolloutMetrics
{
    private static readonly RolloutPhase[] Phases = Enum.GetValues<RolloutPhase>();
    private static readonly string[] VerdictNames = ["pass", "fail", "wait"];

    private readonly Counter<long> _transitions;
    private readonly Counter<long> _checks;

    public RolloutMetrics(IMeterFactory meterFactory, IRolloutStore store, TrafficRecorder recorder)
    {
        var meter = meterFactory.Create(GatewayMetrics.MeterName);
        _transitions = meter.CreateCounter<long>("gateway.rollout.transitions", unit: "{transition}", description: "Rollout transitions (step advances included), by from and to phase.");
        _checks = meter.CreateCounter<long>("gateway.rollout.checks", unit: "{check}", description: "Rollout analysis checks, by verdict (pass, fail, wait).");

        // The recorder runs exactly while rollouts are enabled; disabled, the gauges report nothing.
        meter.CreateObservableGauge("gateway.rollout.phase", () => ObservePhase(store.Current, recorder.Enabled), description: "1 for the rollout's current phase, 0 for the others.");
        meter.CreateObservableGauge("gateway.rollout.step", () => ObserveStep(store.Current, recorder.Enabled), description: "The rollout's current step (0-based) while Progressing or Paused.");
    }

    /// <summary>Counts a transition.</summary>
    public void Transitioned(RolloutPhase from, RolloutPhase to) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("from", from.ToString()), new KeyValuePair<string, object?>("to", to.ToString()));

    /// <summary>Counts a check.</summary>
    public void Checked(RolloutVerdict verdict) => _checks.Add(1, new KeyValuePair<string, object?>("verdict", VerdictNames[(int)verdict]));

    private static IEnumerable<Measurement<int>> ObservePhase(RolloutState state, bool enabled)
    {
        if (!enabled)
        {
            yield break;
        }

        foreach (var phase in Phases)
        {
            yield return new Measurement<int>(phase == state.Phase ? 1 : 0, new KeyValuePair<string, object?>("phase", phase.ToString()));
        }
    }

    private static IEnumerable<Measurement<int>> ObserveStep(RolloutState state, bool enabled)
    {
        if (enabled && state.Step is { } step)
        {
            yield return new Measurement<int>(step);
        }
    }
}
