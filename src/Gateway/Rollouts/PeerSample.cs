namespace Gateway.Rollouts;

/// <summary>
/// One replica's cumulative traffic since its process started. <paramref name="Instance"/> changes when the process
/// restarts (counters start again from zero), so a reader knows when a difference to an earlier sample is meaningless.
/// </summary>
internal sealed record PeerSample(string Identity, string Instance, TrafficSample Sample);
