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
