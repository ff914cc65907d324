using System.Net;
using System.Text.Json;
using Gateway.Rollouts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// A real in-process gateway (static mode) with rollouts enabled, a management token and a fake clock: a test makes
/// one rollout check happen with <see cref="CheckAsync"/> instead of waiting an interval.
/// </summary>
/// <remarks>
/// Latency gates are set out of reach (MaxP99 one minute, 1000 × stable's p99) unless a test sets them: loopback
/// latency on a loaded machine is noise, and these tests are about errors, phases and routing.
/// </remarks>
public sealed class RolloutGateway : IAsyncDisposable
{
    public const string Token = "rollout-test-token";

    /// <summary>The interval these gateways check at; only the fake clock ever reaches it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>When the fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero);

    private static readonly string[] Defaults =
    [
        "Gateway:Rollout:Enabled=true",
        $"Gateway:Management:Token={Token}",
        "Gateway:Canary:Weight=0",
        "Gateway:Rollout:Interval=00:00:10",
        "Gateway:Rollout:Gates:MaxP99=00:01:00",
        "Gateway:Rollout:Gates:MaxP99OverStable=1000",
    ];

    private readonly HttpClient _public;
    private readonly HttpClient _management;

    private RolloutGateway(GatewayInstance gateway, FakeTimeProvider time, RolloutEventLog logs, RolloutMeters meters)
    {
        Gateway = gateway;
        Time = time;
        Logs = logs;
        Meters = meters;
        meters.Scope = gateway.Service<System.Diagnostics.Metrics.IMeterFactory>();
        _public = gateway.CreateRawClient();
        _management = gateway.CreateRawClient(gateway.ManagementUrl);
    }

    public GatewayInstance Gateway { get; }

    public FakeTimeProvider Time { get; }

    public RolloutEventLog Logs { get; }

    public RolloutMeters Meters { get; }

    internal RolloutController Controller => Gateway.Service<RolloutController>();

    /// <summary>
    /// Starts a gateway over <paramref name="stable"/> and <paramref name="canary"/>; <paramref name="settings"/>
    /// ("Key=Value") come after the defaults and win over them (an empty value removes a default's effect, e.g.
    /// <c>Gateway:Management:Token=</c>).
    /// </summary>
    public static async Task<RolloutGateway> StartAsync(IEnumerable<string> stable, IEnumerable<string> canary, params string[] settings)
    {
        var time = new FakeTimeProvider(Start);
        var logs = new RolloutEventLog();
        var meters = new RolloutMeters();
        GatewayInstance gateway;
        try
        {
            gateway = await GatewayInstance.StartAsync(stable, canary, [.. Defaults, .. settings], builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Logging.AddProvider(logs);
                builder.Logging.AddFilter<RolloutEventLog>(null, LogLevel.Information);
            });
        }
        catch
        {
            meters.Dispose();
            throw;
        }

        var rollout = new RolloutGateway(gateway, time, logs, meters);
        await rollout.Controller.WhenIdleAsync();
        return rollout;
    }

    /// <summary>"Gateway:Rollout:Steps:i=w" for each weight.</summary>
    public static string[] Steps(params double[] weights) =>
        [.. weights.Select((w, i) => $"Gateway:Rollout:Steps:{i}={w.ToString(System.Globalization.CultureInfo.InvariantCulture)}")];

    /// <summary>Moves the fake clock one interval on (one check runs) and waits until the controller is idle.</summary>
    public async Task CheckAsync()
    {
        Time.Advance(Interval);
        await Controller.WhenIdleAsync();
    }

    /// <summary><c>GET /rollout</c>, which must answer 200 with JSON.</summary>
    public async Task<JsonElement> GetRolloutAsync()
    {
        using var response = await _management.GetAsync(new Uri("/rollout", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The status and body of a management GET.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _management.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>POST /rollout/{command}</c> with <paramref name="token"/> as the bearer token (none when null).</summary>
    public Task<HttpResponseMessage> PostAsync(string command, string? token = Token) => PostRawAsync(command, token is null ? null : $"Bearer {token}");

    /// <summary>As <see cref="PostAsync"/> with the Authorization header exactly as given.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string command, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/rollout/{command}", UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _management.SendAsync(request);
    }

    /// <summary>A call that must succeed: its 200 document.</summary>
    public async Task<JsonElement> CommandAsync(string command)
    {
        using var response = await PostAsync(command);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /rollout/{command}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// One user request on the public port: <paramref name="bucket"/> as its canary-bucket cookie, optionally a force
    /// cookie, a force header or another host. Returns the status and the X-Canary-Track header.
    /// </summary>
    public async Task<(HttpStatusCode Status, string? Track)> RequestAsync(int? bucket = null, string? host = null, string? forceCookie = null, string? forceHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Host = host ?? "foo.bar";
        var cookies = new List<string>();
        if (bucket is { } b)
        {
            cookies.Add($"canary-bucket={b}");
        }

        if (forceCookie is not null)
        {
            cookies.Add($"canary={forceCookie}");
        }

        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        if (forceHeader is not null)
        {
            request.Headers.Add("X-Canary", forceHeader);
        }

        using var response = await _public.SendAsync(request);
        return (response.StatusCode, Responses.TrackOf(response));
    }

    /// <summary>The track each bucket's user reaches now (a few requests in parallel).</summary>
    public async Task<IReadOnlyDictionary<int, string>> TracksOfAsync(IEnumerable<int> buckets)
    {
        var tracks = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (bucket, _) =>
        {
            var (status, track) = await RequestAsync(bucket);
            Assert.True(status == HttpStatusCode.OK, $"bucket {bucket}: {(int)status}");
            tracks[bucket] = track ?? "(none)";
        });
        return tracks;
    }

    public async ValueTask DisposeAsync()
    {
        _public.Dispose();
        _management.Dispose();
        Meters.Dispose();
        await Gateway.DisposeAsync();
    }
}
