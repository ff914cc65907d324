using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FakeKubeApi.Tests;

/// <summary>Paths and methods the fake does not serve answer as kube-apiserver answers unknown ones.</summary>
public class RoutingTests
{
    [Theory]
    [InlineData("GET", "api/v1/namespaces/production/secrets", HttpStatusCode.NotFound)]
    [InlineData("GET", "apis/apps/v1/namespaces/production/deployments/kubeapp-production/scale", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "api/v1/namespaces/production/configmaps", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/v1/configmaps", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/v1/namespaces/staging/configmaps", HttpStatusCode.BadRequest)]
    public async Task Request_NotServed_AnswersWithStatus(string method, string path, HttpStatusCode expected)
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fake-token");

        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"metadata":{"name":"x","namespace":"production"}}""", Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1", server.ResourceVersion);
    }
}
