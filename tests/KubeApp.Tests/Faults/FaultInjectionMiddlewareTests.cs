using System.Net;
using KubeApp.Faults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KubeApp.Tests.Faults;

/// <summary>
/// The app with <c>KUBEAPP_FAILURE_RATE</c> and <c>KUBEAPP_EXTRA_LATENCY</c>, end to end through the real pipeline, with
/// the random source and the clock under the test's control.
/// </summary>
public sealed class FaultInjectionMiddlewareTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Home = "Congratulations! Version 1.0 of your application is running on Kubernetes.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> NotHealth => new()
    {
        { "GET", "/" },
        { "POST", "/" },
        { "DELETE", "/some/thing?with=query" },
        { "GET", "/version" },
        { "GET", "/health/" },
        { "GET", "/healthz" },
        { "GET", "/HEALTH" },
    };

    [Theory]
    [MemberData(nameof(NotHealth))]
    public async Task Request_FailureRateOne_Answers500WithOneLine(string method, string path)
    {
        using var app = Create(rate: "1", random: new ConstantFaultRandom(0.999999));

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Injected failure (KUBEAPP_FAILURE_RATE=1).\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Head_FailureRateOne_Answers500HeadersWithoutBody()
    {
        using var app = Create(rate: "1", random: new ConstantFaultRandom(0));

        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Injected failure (KUBEAPP_FAILURE_RATE=1).\n".Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("HEAD")]
    public async Task Health_FailureRateOneAndLatency_StillAnswers200EmptyAtOnce(string method)
    {
        var time = new ManualTimeProvider();
        using var app = Create(rate: "1", latency: "5000", random: new ConstantFaultRandom(0), time: time);

        // No timer ever fires here: a delayed /health would never answer, and WaitAsync would fail the test.
        using var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health")).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Equal(0, time.Pending);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public async Task Request_FailureRateZero_NeverFails(double draw)
    {
        using var app = Create(rate: "0", random: new ConstantFaultRandom(draw));
        var client = app.CreateClient();

        for (var i = 0; i < 50; i++)
        {
            using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Home, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Request_FractionalRate_FailsExactlyTheDrawsBelowIt()
    {
        const int Requests = 1000;
        const double Rate = 0.2;
        const int Seed = 1312;
        using var app = Create(rate: "0.2", random: new SeededFaultRandom(Seed));
        var client = app.CreateClient();
        var replay = new Random(Seed);

        var failed = 0;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
            var expected = replay.NextDouble() < Rate ? HttpStatusCode.InternalServerError : HttpStatusCode.OK;

            Assert.True(expected == response.StatusCode, $"request {i}: expected {expected}, got {response.StatusCode}");
            failed += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        // The share itself: 4 standard deviations of Binomial(1000, 0.2) (sd 12.6) either side of 200.
        Assert.InRange(failed, 150, 250);
    }

    [Fact]
    public async Task Request_ExtraLatency_WaitsForTheDelayThenAnswersExactly()
    {
        var time = new ManualTimeProvider();
        using var app = Create(latency: "250", time: time);

        var pending = app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        var timer = await time.NextTimerAsync(Patience);

        Assert.Equal(TimeSpan.FromMilliseconds(250), timer.DueTime);
        Assert.False(pending.IsCompleted, "the request was answered before its delay elapsed");

        timer.Fire();
        using var response = await pending.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Home, await response.Content.ReadAsStringAsync());
        Assert.Equal(Home.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Request_ExtraLatencyAndRateOne_FailsAfterTheDelay()
    {
        var time = new ManualTimeProvider();
        using var app = Create(rate: "1", latency: "100", random: new ConstantFaultRandom(0), time: time);

        var pending = app.CreateClient().GetAsync(new Uri("/version", UriKind.Relative));
        var timer = await time.NextTimerAsync(Patience);
        Assert.False(pending.IsCompleted, "the failure was answered before the delay elapsed");
        timer.Fire();
        using var response = await pending.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Request_Unset_NeverDrawsNorDelaysAndAnswersExactly()
    {
        var time = new ManualTimeProvider();
        using var app = Create(random: new ConstantFaultRandom(null), time: time);
        var client = app.CreateClient();

        using var home = await client.GetAsync(new Uri("/any/path", UriKind.Relative)).WaitAsync(Patience);
        using var version = await client.GetAsync(new Uri("/version", UriKind.Relative)).WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(Home, await home.Content.ReadAsStringAsync());
        Assert.Equal("1.0\n", await version.Content.ReadAsStringAsync());
        Assert.Equal(0, time.Pending);
    }

    private WebApplicationFactory<Program> Create(string? rate = null, string? latency = null, IFaultRandom? random = null, TimeProvider? time = null) =>
        factory.WithWebHostBuilder(web =>
        {
            if (rate is not null)
            {
                web.UseSetting(FaultInjectionOptions.FailureRateKey, rate);
            }

            if (latency is not null)
            {
                web.UseSetting(FaultInjectionOptions.ExtraLatencyKey, latency);
            }

            web.ConfigureTestServices(services =>
            {
                if (random is not null)
                {
                    services.AddSingleton(random);
                }

                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            });
        });
}
