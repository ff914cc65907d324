namespace Gateway.Tls;

/// <summary>An immutable choice of certificate per SNI name: exact names first, then one-level wildcards, then the default.</summary>
internal sealed class CertificateSet(ServerCertificate defaultCertificate, IReadOnlyDictionary<string, ServerCertificate> exact, IReadOnlyDictionary<string, ServerCertificate> wildcard, string fingerprint)
{
    public ServerCertificate Default { get; } = defaultCertificate;

    /// <summary>Every certificate of the set, the default first.</summary>
    public IReadOnlyList<ServerCertificate> All { get; } = [defaultCertificate, .. exact.Values.Concat(wildcard.Values).Distinct()];

    /// <summary>A digest of the files it was loaded from, to skip reloads that change nothing.</summary>
    public string Fingerprint { get; } = fingerprint;

    public ServerCertificate Select(string? serverName)
    {
        if (string.IsNullOrEmpty(serverName))
        {
            return Default;
        }

        var name = serverName.TrimEnd('.');
        if (exact.TryGetValue(name, out var certificate))
        {
            return certificate;
        }

        // "*.foo.bar" covers "canary.foo.bar" but not "foo.bar" or "a.canary.foo.bar" (RFC 6125).
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && wildcard.TryGetValue(name[(dot + 1)..], out certificate) ? certificate : Default;
    }
}
