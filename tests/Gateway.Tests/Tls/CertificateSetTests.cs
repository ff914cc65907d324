using Gateway.Tls;

namespace Gateway.Tests.Tls;

/// <summary>Which certificate a handshake gets for its SNI name: exact names, then one-level wildcards, then the default.</summary>
public sealed class CertificateSetTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly CertificateSet _set;

    public CertificateSetTests()
    {
        var (defaultCertificate, defaultKey) = _certificates.Write("default", "default", ["foo.bar"]);
        var (canary, canaryKey) = _certificates.Write("canary", "canary", ["canary.foo.bar"]);
        var (wildcard, wildcardKey) = _certificates.Write("wildcard", "wildcard", ["*.example.org"]);
        var options = new TlsOptions
        {
            CertificatePath = defaultCertificate,
            KeyPath = defaultKey,
            Certificates =
            [
                new TlsCertificateOptions { Hosts = ["canary.foo.bar"], CertificatePath = canary, KeyPath = canaryKey },
                new TlsCertificateOptions { Hosts = ["*.example.org"], CertificatePath = wildcard, KeyPath = wildcardKey },
            ],
        };
        _set = CertificateStore.Load(options, DateTimeOffset.UtcNow);
    }

    public void Dispose() => _certificates.Dispose();

    [Theory]
    [InlineData("canary.foo.bar", "canary")]
    [InlineData("CANARY.foo.bar", "canary")]
    [InlineData("canary.foo.bar.", "canary")]
    [InlineData("www.example.org", "wildcard")]
    [InlineData("example.org", "default")]
    [InlineData("a.www.example.org", "default")]
    [InlineData("foo.bar", "default")]
    [InlineData("unknown.test", "default")]
    [InlineData("", "default")]
    [InlineData(null, "default")]
    public void Select_ServerName_ExactThenWildcardThenDefault(string? serverName, string expectedFolder)
    {
        var chosen = _set.Select(serverName);

        Assert.Contains($"{Path.DirectorySeparatorChar}{expectedFolder}{Path.DirectorySeparatorChar}", chosen.Source, StringComparison.Ordinal);
    }
}
