using Gateway.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Tls;

/// <summary>TLS settings that would redirect HTTP to nowhere stop startup with one line naming the keys (issue #11).</summary>
public sealed class TlsOptionsValidatorTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void Validate_RedirectHttpWithoutCertificate_NamesTheKeys()
    {
        var error = Reject(("Gateway:Tls:RedirectHttp", "true"));

        Assert.Equal("Gateway:Tls:RedirectHttp is true but no certificate is configured (Gateway:Tls:CertificatePath and Gateway:Tls:KeyPath, "
            + "or Gateway:Tls:SelfSigned): nothing would answer on HTTPS; configure one or set Gateway:Tls:RedirectHttp=false.", error);
    }

    [Theory]
    [InlineData(null, "is on (the default with a certificate)")]
    [InlineData("true", "is true")]
    public void Validate_CertificateWithHttpsListenerOff_NamesTheKeys(string? redirectHttp, string setting)
    {
        var (certificate, key) = _certificates.Write("a", "a", ["foo.bar"]);

        var error = Reject(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key), ("Gateway:Listen:Https", ""), ("Gateway:Tls:RedirectHttp", redirectHttp));

        Assert.Equal($"Gateway:Tls:RedirectHttp {setting} but Gateway:Listen:Https is empty: HTTP would be redirected to a port where nothing listens; "
            + "set Gateway:Listen:Https or Gateway:Tls:RedirectHttp=false.", error);
    }

    [Fact]
    public void Validate_SelfSignedWithHttpsListenerOff_NamesTheKeys()
    {
        var error = Reject(("Gateway:Tls:SelfSigned", "true"), ("Gateway:Listen:Https", ""));

        Assert.StartsWith("Gateway:Tls:RedirectHttp is on (the default with a certificate) but Gateway:Listen:Https is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CertificateWithoutDnsName_NamesTheKeys()
    {
        var (certificate, key) = _certificates.Write("a", "a", []);

        var error = Reject(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key));

        Assert.Equal($"Gateway:Tls:RedirectHttp needs a host to send requests for unknown hosts to, and the certificate {certificate} has no DNS name: "
            + "set Gateway:Tls:RedirectHosts, use a certificate with a DNS name, or set Gateway:Tls:RedirectHttp=false.", error);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("*.foo.bar")]
    [InlineData("https://foo.bar")]
    [InlineData("foo.bar:443")]
    public void Validate_BadRedirectHost_NamesTheKey(string host)
    {
        var (certificate, key) = _certificates.Write("a", "a", ["foo.bar"]);

        var error = Reject(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key), ("Gateway:Tls:RedirectHosts:0", "foo.bar"), ("Gateway:Tls:RedirectHosts:1", host));

        Assert.Equal($"Gateway:Tls:RedirectHosts:1 must be a host name such as foo.bar (no scheme, port, wildcard or IP address), got '{host}'.", error);
    }

    [Theory]
    [InlineData("Gateway:Tls:RedirectHttp", "false", "Gateway:Listen:Https", "")]
    [InlineData("Gateway:Tls:RedirectHttp", "false", "Gateway:Tls:HstsMaxAge", "1.00:00:00")]
    [InlineData("Gateway:Tls:RedirectHosts:0", "www.foo.bar", "Gateway:Tls:RedirectHosts:1", "foo.bar.")]
    public void Validate_CertificateWithoutDnsName_AcceptedWithRedirectHostsOrNoRedirect(string key1, string value1, string key2, string value2)
    {
        var (certificate, key) = _certificates.Write("a", "a", []);

        StartupValidation.ThrowIfInvalid(Configuration(("Gateway:Tls:CertificatePath", certificate), ("Gateway:Tls:KeyPath", key), (key1, value1), (key2, value2)));
    }

    [Fact]
    public void Validate_NoTlsHttpsListenerOff_Passes() => StartupValidation.ThrowIfInvalid(Configuration(("Gateway:Listen:Https", "")));

    private static string Reject(params (string Key, string? Value)[] values)
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => StartupValidation.ThrowIfInvalid(Configuration(values)));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values)
    {
        var data = new Dictionary<string, string?>
        {
            ["Gateway:Tracks:Stable:Destinations:0"] = "http://127.0.0.2:8080",
            ["Gateway:Tracks:Canary:Destinations:0"] = "http://127.0.0.5:8080",
        };
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(data).Build();
    }
}
