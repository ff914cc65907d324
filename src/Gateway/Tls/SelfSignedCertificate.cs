using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tls;

/// <summary>A certificate made at startup for local runs (<c>Gateway:Tls:SelfSigned</c>), valid for the given names.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>
    /// The names a local user reaches: localhost and its addresses, every pinned host, and for each pinned host its
    /// parent domain and that domain's wildcard (canary.foo.bar → foo.bar, *.foo.bar), so foo.bar works too.
    /// </summary>
    public static IReadOnlyList<string> NamesFor(IEnumerable<string> pinnedHosts)
    {
        var names = new List<string> { "localhost" };
        foreach (var host in pinnedHosts)
        {
            var name = host.TrimEnd('.').ToLowerInvariant();
            Add(names, name);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && name.IndexOf('.', dot + 1) > 0)
            {
                Add(names, name[(dot + 1)..]);
                Add(names, "*." + name[(dot + 1)..]);
            }
        }

        return names;

        static void Add(List<string> names, string name)
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
    }

    /// <summary>
    /// A throwaway CA and a server certificate it signed. Clients trust the CA (<c>curl --cacert</c>): a CA file is
    /// accepted as a trust anchor by every TLS stack, where a bare self-signed server certificate is not.
    /// </summary>
    public static (X509Certificate2 Authority, X509Certificate2 Server) Create(IReadOnlyList<string> names, DateTimeOffset now)
    {
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=canary-gateway local CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, critical: false));
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + names[^1], serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var signed = request.Create(authority, now.AddMinutes(-5), now.AddDays(29), serial);
        return (authority, signed.CopyWithPrivateKey(serverKey));
    }
}
