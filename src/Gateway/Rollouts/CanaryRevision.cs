using Gateway.Tracks;

namespace Gateway.Rollouts;

/// <summary>
/// The canary's identity (DESIGN.md "Revision"): the ReplicaSet names of its ready endpoints (static mode: its
/// destinations), sorted, and those joined with a comma.
/// </summary>
internal sealed record CanaryRevision(IReadOnlyList<string> Names)
{
    /// <summary>No ready canary endpoints.</summary>
    public static CanaryRevision None { get; } = new([]);

    /// <summary>The names joined with a comma.</summary>
    public string Revision => string.Join(",", Names);

    /// <summary>The revision of <paramref name="snapshot"/>'s ready canary endpoints.</summary>
    public static CanaryRevision Of(EndpointSnapshot snapshot)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in snapshot.Canary)
        {
            if (endpoint.Ready)
            {
                names.Add(endpoint.Revision);
            }
        }

        return names.Count == 0 ? None : new CanaryRevision([.. names]);
    }
}
