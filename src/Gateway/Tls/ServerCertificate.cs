using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tls;

/// <summary>A loaded certificate with its chain, ready for handshakes.</summary>
internal sealed class ServerCertificate(X509Certificate2 certificate, SslStreamCertificateContext context, string source)
{
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>Leaf plus intermediates, sent in every handshake.</summary>
    public SslStreamCertificateContext Context { get; } = context;

    /// <summary>The file it came from (or "self-signed").</summary>
    public string Source { get; } = source;

    /// <summary>
    /// The DNS names of its subject alternative names, in certificate order (wildcards as <c>*.foo.bar</c>). The
    /// common name is not among them: clients have ignored it for host names since RFC 6125, and so does the gateway.
    /// </summary>
    public IReadOnlyList<string> DnsNames { get; } =
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault()?.EnumerateDnsNames().ToArray() ?? [];

    /// <summary>Options for one handshake: TLS 1.2/1.3 only, AEAD suites only, HTTP/2 and HTTP/1.1 over ALPN.</summary>
    public SslServerAuthenticationOptions CreateOptions() => new()
    {
        ServerCertificateContext = Context,
        EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        CipherSuitesPolicy = TlsCipherSuites.Policy,
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        ClientCertificateRequired = false,
    };
}
