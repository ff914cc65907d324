using System.Collections.Immutable;

namespace Gateway.Rollouts;

/// <summary>TEMPORARY (replaced by h/kpeers): this process's sample only.</summary>
internal sealed class LocalRolloutSamples(TrafficRecorder recorder, string identity, string instance) : IRolloutSamples
{
    public Task<SampleSet> GatherAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SampleSet(ImmutableArray.Create(new PeerSample(identity, instance, recorder.Read())), null));
}
