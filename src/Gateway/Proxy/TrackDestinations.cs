using Gateway.Tracks;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The available destinations split by track. YARP hands every request the same list instance until health or
/// configuration changes, so the split is cached against that instance and recomputed only when it changes.
/// </summary>
internal sealed class TrackDestinations
{
    private Split? _last;

    /// <summary>The destinations of <paramref name="available"/> that belong to <paramref name="track"/>.</summary>
    public IReadOnlyList<DestinationState> For(IReadOnlyList<DestinationState> available, Track track)
    {
        var split = Volatile.Read(ref _last);
        if (split is null || !ReferenceEquals(split.Source, available))
        {
            // Benign race: two threads may both compute the same split; either result is correct.
            split = Split.Create(available);
            Volatile.Write(ref _last, split);
        }

        return track == Track.Canary ? split.Canary : split.Stable;
    }

    private sealed record Split(IReadOnlyList<DestinationState> Source, DestinationState[] Stable, DestinationState[] Canary)
    {
        public static Split Create(IReadOnlyList<DestinationState> available)
        {
            var stable = new List<DestinationState>(available.Count);
            var canary = new List<DestinationState>(available.Count);
            foreach (var destination in available)
            {
                (DestinationTrack.Of(destination) == Track.Canary ? canary : stable).Add(destination);
            }

            return new Split(available, [.. stable], [.. canary]);
        }
    }
}
