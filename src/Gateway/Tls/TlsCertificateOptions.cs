namespace Gateway.Tls;

/// <summary>A certificate served for some hosts (<c>Gateway:Tls:Certificates:N</c>).</summary>
public sealed class TlsCertificateOptions
{
    /// <summary>Host names it serves: exact (<c>canary.foo.bar</c>) or one-level wildcards (<c>*.foo.bar</c>).</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>PEM certificate (chain).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key.</summary>
    public string? KeyPath { get; set; }
}
