using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class BenchCertificateTests
{
    [Fact]
    public void Write_EcdsaP256ForFooBarAndCanary_PemPairThatLoads()
    {
        var directory = Directory.CreateTempSubdirectory("bench-cert-").FullName;
        try
        {
            var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

            var (certificatePath, keyPath) = BenchCertificate.Write(directory, now);

            using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            Assert.True(certificate.HasPrivateKey);
            using var key = certificate.GetECDsaPrivateKey();
            Assert.NotNull(key);
            // P-256 is prime256v1 (OID 1.2.840.10045.3.1.7); OpenSSL names it ECDSA_P256 rather than nistP256.
            var curve = key.ExportParameters(false).Curve;
            Assert.True(curve.IsNamed);
            Assert.Equal("1.2.840.10045.3.1.7", curve.Oid.Value ?? Oid.FromFriendlyName(curve.Oid.FriendlyName!, OidGroup.All).Value);
            var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray();
            Assert.Equal(["foo.bar", "canary.foo.bar"], names);
            Assert.True(certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && certificate.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(7));
            Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(keyPath), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Write_Twice_ReplacesThePair()
    {
        var directory = Directory.CreateTempSubdirectory("bench-cert-").FullName;
        try
        {
            var first = BenchCertificate.Write(directory, DateTimeOffset.UtcNow);
            var firstKey = File.ReadAllText(first.KeyPath);

            var second = BenchCertificate.Write(directory, DateTimeOffset.UtcNow);

            Assert.NotEqual(firstKey, File.ReadAllText(second.KeyPath));
            using var certificate = X509Certificate2.CreateFromPemFile(second.CertificatePath, second.KeyPath);
            Assert.True(certificate.HasPrivateKey);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
