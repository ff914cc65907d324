using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KubeApp.Tests;

public sealed class KubeAppEndpointsTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Home = "Congratulations! Version 1.0 of your application is running on Kubernetes.";

    public static TheoryData<string, string> AnyPathAnyMethod => new()
    {
        { "GET", "/" },
        { "POST", "/" },
        { "PUT", "/" },
        { "DELETE", "/" },
        { "PATCH", "/" },
        { "OPTIONS", "/" },
        { "GET", "/unknown/path" },
        { "POST", "/some/thing?with=query" },
        { "GET", "/health/" },
        { "GET", "/healthz" },
        { "GET", "/version/x" },
        { "GET", "/VERSION" },
    };

    [Theory]
    [MemberData(nameof(AnyPathAnyMethod))]
    public async Task Request_AnyOtherPathOrMethod_AnswersCongratulationsExactly(string method, string path)
    {
        using var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Home, await response.Content.ReadAsStringAsync());
        Assert.Equal(Home.Length, response.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("HEAD")]
    public async Task Health_AnyMethod_Answers200WithEmptyBody(string method)
    {
        using var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Version_AnyMethod_AnswersVersionAndOneNewline(string method)
    {
        using var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/version"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("1.0\n"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_Root_AnswersHeadersWithoutBody()
    {
        using var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Home.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_Always_HasNoServerHeader()
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task VersionOverride_KubeAppVersionSet_ReplacesBuiltInVersionEverywhere()
    {
        using var overridden = factory.WithWebHostBuilder(web => web.UseSetting(AppVersion.OverrideKey, "2.0"));
        var client = overridden.CreateClient();

        Assert.Equal("2.0\n", await client.GetStringAsync(new Uri("/version", UriKind.Relative)));
        Assert.Equal("Congratulations! Version 2.0 of your application is running on Kubernetes.", await client.GetStringAsync(new Uri("/", UriKind.Relative)));
    }

    [Theory]
    [InlineData("2.0\n")]
    [InlineData("two point oh")]
    public void VersionOverride_WithSpaceOrControlCharacter_FailsAtStartupNamingTheVariable(string value)
    {
        // Built directly: through the factory, Program's one-line answer (ProgramTests) would hide the reason.
        var error = Assert.Throws<KubeAppConfigurationException>(() => KubeAppServer.Build([$"--{AppVersion.OverrideKey}={value}"]));

        Assert.Contains("KUBEAPP_VERSION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInVersion_DefaultBuild_IsOnePointZero()
    {
        Assert.Equal("1.0", AppVersion.BuiltIn);
    }
}
