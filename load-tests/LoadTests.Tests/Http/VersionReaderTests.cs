using System.Net.Sockets;
using LoadTests.Http;

namespace LoadTests.Tests.Http;

public sealed class VersionReaderTests
{
    [Theory]
    [InlineData("Congratulations! Version 2.0 of your application is running on Kubernetes.", "2.0")]
    [InlineData("Congratulations! Version 1.0 of your application is running on Kubernetes.", "1.0")]
    [InlineData("2.0\n", "2.0")]
    [InlineData("1.0", "1.0")]
    [InlineData("", null)]
    [InlineData("No ready canary endpoints.\n", null)]
    [InlineData("<html>oops</html>", null)]
    public void Read_KubeAppBodies(string body, string? version) => Assert.Equal(version, VersionReader.Read(body));

    [Fact]
    public void ErrorKinds_RefusedInsideHttpRequestException_IsConnectionRefused()
    {
        var ex = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(ErrorKinds.ConnectionRefused, ErrorKinds.Of(ex));
    }

    [Theory]
    [InlineData(HttpRequestError.SecureConnectionError, ErrorKinds.Tls)]
    [InlineData(HttpRequestError.ResponseEnded, ErrorKinds.ConnectionReset)]
    [InlineData(HttpRequestError.InvalidResponse, ErrorKinds.Protocol)]
    [InlineData(HttpRequestError.NameResolutionError, ErrorKinds.NameResolution)]
    public void ErrorKinds_ByHttpRequestError(HttpRequestError error, string kind) =>
        Assert.Equal(kind, ErrorKinds.Of(new HttpRequestException(error, "x")));

    [Fact]
    public void ErrorKinds_Status_NamesTheCode() => Assert.Equal("status-503", ErrorKinds.Status(503));
}
