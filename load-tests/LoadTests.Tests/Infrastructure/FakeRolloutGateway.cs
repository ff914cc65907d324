using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoadTests.Tests.Infrastructure;

/// <summary>
/// A gateway in the middle of a rollout, small enough to misbehave on purpose: <c>/</c> answers like the real one
/// (a sticky <c>canary-bucket</c> cookie 0–9999, canary iff bucket &lt; weight × 100, <c>X-Canary-Track</c>, the
/// KubeApp's "Version 2.0" or "1.0" body) and <c>/rollout</c> serves the <c>GET /rollout</c> document, on one port.
/// It goes Idle → Progressing through its steps → Promoted (or RolledBack), as <see cref="FakeRolloutDirector"/>
/// decides from the load test's own polls and users; a <c>fake-user</c> cookie tells it who comes back.
/// </summary>
internal sealed class FakeRolloutGateway : IAsyncDisposable
{
    private const string BucketCookie = "canary-bucket";
    private const string UserCookie = "fake-user";

    private readonly WebApplication _app;
    private readonly FakeRolloutScript _script;
    private readonly FakeRolloutDirector _director;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly Random _lag = new(20261201);

    private FakeRolloutGateway(WebApplication app, FakeRolloutScript script)
    {
        _app = app;
        _script = script;
        _director = new FakeRolloutDirector(script);
        app.MapGet("/rollout", Rollout);
        app.MapGet("/", Route);
    }

    /// <summary>Public and management URL in one.</summary>
    public Uri Url { get; private set; } = null!;

    public FakeRolloutScript Script => _script;

    /// <summary>Users moved back to stable whose canary answer the tool certainly judges (<see cref="FakeRolloutScript.MoveBackAtStep"/>).</summary>
    public int MovedBack => _director.MovedBack;

    /// <inheritdoc cref="FakeRolloutDirector.JudgedNewUsers"/>
    public IReadOnlyList<int> JudgedNewUsers => _director.JudgedNewUsers;

    /// <summary>What the fake could not do as its script says: a test must find none.</summary>
    public IReadOnlyList<string> Problems => _director.Problems;

    public static async Task<FakeRolloutGateway> StartAsync(FakeRolloutScript script)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var fake = new FakeRolloutGateway(builder.Build(), script);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address + "/");
        return fake;
    }

    /// <summary>The rollout poll by poll, for a failing test's message.</summary>
    public string Describe() => _director.Describe();

    public async ValueTask DisposeAsync()
    {
        _director.CancelHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Rollout(HttpContext context)
    {
        if (_script.RolloutsDisabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await LagAsync(context);
        var (state, history) = _director.Poll();
        await LagAsync(context);
        await Results.Json(new
        {
            phase = state.Phase,
            step = state.Step,
            steps = _script.Steps,
            weight = state.Weight,
            revision = "http://127.0.0.1:1/",
            self = "fake",
            leader = "fake",
            startedAt = _startedAt,
            updatedAt = DateTimeOffset.UtcNow,
            reason = state.Reason,
            checks = Array.Empty<object>(),
            history,
        }).ExecuteAsync(context);
    }

    private async Task Route(HttpContext context)
    {
        await LagAsync(context);
        var pending = _director.Request(int.TryParse(context.Request.Cookies[UserCookie], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
        FakeRolloutAnswer answer;
        try
        {
            answer = await pending.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            _director.Abandon(pending);
            return;
        }

        await LagAsync(context);
        var response = context.Response;
        response.Headers.SetCookie = new[]
        {
            $"{BucketCookie}={answer.Bucket}; Path=/; Max-Age=604800",
            $"{UserCookie}={answer.User}; Path=/; Max-Age=604800",
        };
        response.Headers["X-Canary-Track"] = answer.Canary ? "canary" : "stable";
        response.ContentType = "text/plain; charset=utf-8";
        if (answer.Fail)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await response.WriteAsync("Service Unavailable");
            return;
        }

        await response.WriteAsync($"Congratulations! Version {(answer.Canary ? "2.0" : "1.0")} of your application is running on Kubernetes.");
    }

    /// <summary><see cref="FakeRolloutScript.Lag"/>: a seeded random wait, as a loaded machine would take.</summary>
    private Task LagAsync(HttpContext context)
    {
        var lag = _script.Lag;
        if (lag <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        double fraction;
        lock (_lag)
        {
            fraction = _lag.NextDouble();
        }

        return Task.Delay(lag * fraction, context.RequestAborted);
    }
}
