using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LoadTests.Bench;

/// <summary>
/// The one certificate both TLS terminators serve, so neither gets a cheaper key: ECDSA P-256, self-signed, for
/// foo.bar and canary.foo.bar, written as PEM (<c>tls.crt</c>, <c>tls.key</c>) where the shared nginx TLS configuration
/// reads it. The load generators do not verify it.
/// </summary>
internal static class BenchCertificate
{
    public const string CertificateFile = "tls.crt";

    public const string KeyFile = "tls.key";

    /// <summary>Writes a fresh certificate and key into <paramref name="directory"/>; returns their paths.</summary>
    public static (string CertificatePath, string KeyPath) Write(string directory, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + BenchTarget.Host, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(BenchTarget.Host);
        names.AddDnsName("canary." + BenchTarget.Host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        // Owner-only, like a mounted secret: nginx's master reads it before dropping privileges, the gateway as this user.
        File.Delete(keyPath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(keyPath, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return (certificatePath, keyPath);
    }
}
