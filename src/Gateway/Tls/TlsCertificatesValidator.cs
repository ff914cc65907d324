using Gateway.Configuration;
using Gateway.Tracks;

namespace Gateway.Tls;

/// <summary>
/// Missing, unreadable, mismatched or expired certificates stop startup here, naming the file; so does a redirect with
/// nowhere to send unknown hosts (a self-signed certificate always names localhost). The certificates loaded here are
/// the ones the <see cref="CertificateStore"/> starts with, so the files are read once.
/// </summary>
internal sealed class TlsCertificatesValidator : ISettingsValidator
{
    private Loaded? _loaded;

    public string Section => TlsOptions.SectionName;

    /// <summary>
    /// Hands over the certificates validation loaded, if it loaded <paramref name="options"/>'s files, else null; not
    /// kept after that (the store replaces and disposes certificates on rotation).
    /// </summary>
    public CertificateSet? Take(TlsOptions options) =>
        Interlocked.Exchange(ref _loaded, null) is { } loaded && string.Equals(loaded.Files, FilesOf(options), StringComparison.Ordinal) ? loaded.Certificates : null;

    public string? Validate(IConfiguration configuration)
    {
        var tls = GatewaySettings.Bind<TlsOptions>(configuration, TlsOptions.SectionName);
        if (tls.Enabled && !tls.SelfSigned)
        {
            var certificates = CertificateStore.Load(tls, DateTimeOffset.UtcNow);
            Volatile.Write(ref _loaded, new Loaded(FilesOf(tls), certificates));
            if (tls.RedirectsHttp)
            {
                var tracks = GatewaySettings.Bind<TracksOptions>(configuration, TracksOptions.SectionName);
                RedirectTargets.Create(tls, [.. tracks.CanaryHosts, .. tracks.StableHosts], certificates);
            }
        }

        return null;
    }

    private static string FilesOf(TlsOptions options) =>
        string.Join('\n', [options.CertificatePath, options.KeyPath, .. options.Certificates.Select(c => $"{c.CertificatePath}\n{c.KeyPath}\n{string.Join(',', c.Hosts)}")]);

    private sealed record Loaded(string Files, CertificateSet Certificates);
}
