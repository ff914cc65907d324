using Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Tls;

/// <summary>Bad certificate input stops startup with one line naming the file and the problem.</summary>
public sealed class CertificateLoaderTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void Load_MissingCertificate_NamesPath()
    {
        var (_, key) = _certificates.Write("a", "a", ["foo.bar"]);
        var missing = Path.Combine(_certificates.Directory, "nope.crt");

        var error = Validate(missing, key);

        Assert.Equal($"{missing}: file not found.", error);
    }

    [Fact]
    public void Load_UnreadableKey_NamesPath()
    {
        var (certificate, _) = _certificates.Write("a", "a", ["foo.bar"]);

        // A directory where the key should be cannot be read (tests run as root, so permissions cannot make a file unreadable).
        var error = Validate(certificate, _certificates.Directory);

        Assert.StartsWith($"{_certificates.Directory}: cannot be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MismatchedKey_NamesKeyPath()
    {
        var (certificate, _) = _certificates.Write("a", "a", ["foo.bar"]);
        var (_, otherKey) = _certificates.Write("b", "b", ["foo.bar"]);

        var error = Validate(certificate, otherKey);

        Assert.StartsWith($"{otherKey}: private key cannot be used with {certificate}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExpiredCertificate_NamesPathAndDate()
    {
        var (certificate, key) = _certificates.Write("old", "old", ["foo.bar"], DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

        var error = Validate(certificate, key);

        Assert.StartsWith($"{certificate}: certificate expired on ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotPem_NamesPath()
    {
        var (certificate, key) = _certificates.Write("a", "a", ["foo.bar"]);
        File.WriteAllText(certificate, "hello");

        Assert.Equal($"{certificate}: contains no PEM certificate.", Validate(certificate, key));
    }

    [Fact]
    public void Load_KeyFileWithoutKey_NamesPath()
    {
        var (certificate, key) = _certificates.Write("a", "a", ["foo.bar"]);
        File.WriteAllText(key, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");

        Assert.Equal($"{key}: contains no PEM private key.", Validate(certificate, key));
    }

    [Fact]
    public void Validate_KeyWithoutCertificate_NamesBothKeys()
    {
        var configuration = Configuration(("Gateway:Tls:KeyPath", "/x/tls.key"));

        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));

        Assert.Equal("Gateway:Tls:CertificatePath and Gateway:Tls:KeyPath must be set together.", error.Message);
    }

    [Fact]
    public void Validate_BadSniHost_NamesTheKey()
    {
        var (certificate, key) = _certificates.Write("a", "a", ["foo.bar"]);
        var configuration = Configuration(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key),
            ("Gateway:Tls:Certificates:0:Hosts:0", "*.*.foo"), ("Gateway:Tls:Certificates:0:CertificatePath", certificate), ("Gateway:Tls:Certificates:0:KeyPath", key));

        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));

        Assert.Equal("Gateway:Tls:Certificates:0:Hosts:0 must be a host name or *.domain wildcard, got '*.*.foo'.", error.Message);
    }

    private static string Validate(string certificate, string key)
    {
        var configuration = Configuration(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key));
        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(configuration));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
    {
        var data = new Dictionary<string, string?>
        {
            ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
        };
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(data).Build();
    }
}
