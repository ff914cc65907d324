using System.Collections.Immutable;

namespace Gateway.Rollouts;

/// <summary>Static mode, and the leader's own figures in Kubernetes mode: this process's sample, read without any I/O.</summary>
internal sealed class LocalRolloutSamples : IRolloutSamples
{
    private readonly TrafficRecorder _recorder;
    private readonly string _identity;
    private readonly string _instance;

    public LocalRolloutSamples(TrafficRecorder recorder, string identity, string instance)
    {
        _recorder = recorder;
        _identity = identity;
        _instance = instance;
    }

    /// <summary>This process's cumulative sample now.</summary>
    public PeerSample Read() => new(_identity, _instance, _recorder.Read());

    public Task<SampleSet> GatherAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SampleSet(ImmutableArray.Create(Read()), null));
}
