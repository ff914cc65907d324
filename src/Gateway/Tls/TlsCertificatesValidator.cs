using Gateway.Configuration;
using Gateway.Tracks;

namespace Gateway.Tls;

/// <summary>
/// Missing, unreadable, mismatched or expired certificates stop startup here, naming the file; so does a redirect with
/// nowhere to send unknown hosts (a self-signed certificate always names localhost).
/// </summary>
internal sealed class TlsCertificatesValidator : ISettingsValidator
{
    public string Section => TlsOptions.SectionName;

    public string? Validate(IConfiguration configuration)
    {
        var tls = GatewaySettings.Bind<TlsOptions>(configuration, TlsOptions.SectionName);
        if (tls.Enabled && !tls.SelfSigned)
        {
            var certificates = CertificateStore.Load(tls, DateTimeOffset.UtcNow);
            if (tls.RedirectsHttp)
            {
                var tracks = GatewaySettings.Bind<TracksOptions>(configuration, TracksOptions.SectionName);
                RedirectTargets.Create(tls, [.. tracks.CanaryHosts, .. tracks.StableHosts], certificates);
            }
        }

        return null;
    }
}
