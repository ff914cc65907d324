namespace Gateway.Tls;

/// <summary>TLS termination at the gateway (<c>Gateway:Tls</c>).</summary>
public sealed class TlsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Tls";

    /// <summary>PEM certificate (chain) of the default certificate, e.g. a mounted secret's <c>tls.crt</c>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of the default certificate, e.g. <c>tls.key</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Per-host certificates chosen by SNI (exact names and <c>*.wildcards</c>); the default serves the rest.</summary>
    public List<TlsCertificateOptions> Certificates { get; set; } = [];

    /// <summary>Redirect public HTTP requests to HTTPS with 308. Default: on whenever a certificate is configured.</summary>
    public bool? RedirectHttp { get; set; }

    /// <summary>
    /// Hosts that plain HTTP may be redirected to besides the pinned hosts and the certificates' names; the first is
    /// the canonical host, where requests for any other host (an IP address, a name the gateway does not serve) go.
    /// Default: none, and the canonical host is the default certificate's first DNS name.
    /// </summary>
    public List<string> RedirectHosts { get; set; } = [];

    /// <summary>The HTTPS port clients use, for redirects. Default 443 (the Service maps 443 to the container's 8443).</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary><c>Strict-Transport-Security</c> max-age on HTTPS responses. Default 180 days; zero sends no header.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Generate a certificate at startup for the pinned hosts and localhost (local runs only).</summary>
    public bool SelfSigned { get; set; }

    /// <summary>Where the self-signed certificate's public part is written (for <c>curl --cacert</c>). Default: in the temp folder.</summary>
    public string? SelfSignedCertificatePath { get; set; }

    /// <summary>Whether any certificate is configured (so the HTTPS listener is bound).</summary>
    public bool Enabled => SelfSigned || !string.IsNullOrEmpty(CertificatePath);

    /// <summary>The effective redirect setting.</summary>
    public bool RedirectsHttp => RedirectHttp ?? Enabled;

    /// <summary>The effective path of the self-signed certificate's public part.</summary>
    public string EffectiveSelfSignedCertificatePath =>
        string.IsNullOrEmpty(SelfSignedCertificatePath) ? Path.Combine(Path.GetTempPath(), "canary-gateway-selfsigned.crt") : SelfSignedCertificatePath;
}
