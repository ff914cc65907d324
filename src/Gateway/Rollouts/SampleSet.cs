using System.Collections.Immutable;

namespace Gateway.Rollouts;

/// <summary>The samples of every replica that answered, and the first one that did not (null when all answered).</summary>
internal sealed record SampleSet(ImmutableArray<PeerSample> Samples, string? Missing);
