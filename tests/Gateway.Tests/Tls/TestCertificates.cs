using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests.Tls;

/// <summary>Makes PEM certificate/key files laid out like a mounted Kubernetes TLS secret.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _authorityKey = RSA.Create(2048);

    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gateway-tls-").FullName;
        var request = new CertificateRequest("CN=Gateway Test CA", _authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>
    /// Writes tls.crt/tls.key for <paramref name="names"/> into a folder named <paramref name="folder"/>; returns the
    /// paths. No names: a certificate without a subject alternative name (only the common name).
    /// </summary>
    public (string Certificate, string Key) Write(string folder, string commonName, string[] names, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        if (names.Length > 0)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(Authority, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        var directory = Path.Combine(Directory, folder);
        System.IO.Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n" + Authority.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificatePath, keyPath);
    }

    /// <summary>
    /// Lays out a secret volume as the kubelet does: files in a timestamped folder, <c>..data</c> a symlink to it, and
    /// <c>tls.crt</c>/<c>tls.key</c> symlinks through <c>..data</c>. Calling it again swaps <c>..data</c> atomically.
    /// </summary>
    public (string Certificate, string Key) WriteSecretVolume(string volume, string commonName, string[] names)
    {
        var root = Path.Combine(Directory, volume);
        System.IO.Directory.CreateDirectory(root);
        var version = $"..{DateTime.UtcNow:yyyy_MM_dd_HH_mm_ss.fffffff}";
        var (certificate, key) = Write(Path.Combine(volume, version), commonName, names);
        var temporary = Path.Combine(root, "..data_tmp");
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, version);
        // rename(2) over the old link is the atomic swap; File.Move refuses a link that points at a directory.
        using (var mv = System.Diagnostics.Process.Start("mv", ["-Tf", temporary, Path.Combine(root, "..data")]))
        {
            mv.WaitForExit();
            Assert.Equal(0, mv.ExitCode);
        }
        foreach (var file in new[] { "tls.crt", "tls.key" })
        {
            var link = Path.Combine(root, file);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", file));
            }
        }

        _ = (certificate, key);
        return (Path.Combine(root, "tls.crt"), Path.Combine(root, "tls.key"));
    }

    public void Dispose()
    {
        _authorityKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
