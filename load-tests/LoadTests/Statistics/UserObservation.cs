namespace LoadTests.Statistics;

/// <summary>
/// What one virtual user saw, in order: the version of its first answer decides which track the user is counted on,
/// and any other version afterwards is a stickiness violation (the user saw more than one version).
/// </summary>
internal sealed class UserObservation
{
    private readonly List<string> _versions = [];

    /// <summary>The version of the user's first answer that named one, or null.</summary>
    public string? FirstVersion => _versions.Count > 0 ? _versions[0] : null;

    /// <summary>Distinct versions in the order first seen.</summary>
    public IReadOnlyList<string> Versions => _versions;

    /// <summary>Whether the user saw more than one version.</summary>
    public bool IsStickinessViolation => _versions.Count > 1;

    public int Requests { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Answers whose version the user's forced track forbids.</summary>
    public int ForcedViolations { get; private set; }

    /// <summary>Counts a request; returns what the version changed for this user.</summary>
    public VersionChange Observe(string? version, bool error, bool forcedViolation)
    {
        Requests++;
        if (error)
        {
            Errors++;
        }

        if (forcedViolation)
        {
            ForcedViolations++;
        }

        if (version is null || _versions.Contains(version))
        {
            return VersionChange.None;
        }

        _versions.Add(version);
        return _versions.Count == 1 ? VersionChange.First : _versions.Count == 2 ? VersionChange.BecameViolation : VersionChange.None;
    }

    /// <summary>Replays a crafted sequence of versions (null: a failed request), e.g. in tests.</summary>
    public static UserObservation Of(params string?[] versions)
    {
        var user = new UserObservation();
        foreach (var version in versions)
        {
            user.Observe(version, error: version is null, forcedViolation: false);
        }

        return user;
    }
}
