using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using TestSupport;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// <c>GET /rollout</c> and <c>POST /rollout/{command}</c> through a real gateway: DESIGN's answer order (404 disabled →
/// 403 no token configured → 401 missing or wrong token → 409 not allowed now → 200) and its table of transitions.
/// </summary>
public sealed class RolloutApiTests
{
    private static readonly string[] Commands = ["start", "pause", "resume", "promote", "abort", "reset"];

    public static TheoryData<string[], string, string, int?> AllowedCalls => new()
    {
        { [], "start", "Progressing", 0 },
        { ["start"], "pause", "Paused", 0 },
        { ["start", "pause"], "resume", "Progressing", 0 },
        { ["start"], "promote", "Promoted", null },
        { ["start", "pause"], "promote", "Promoted", null },
        { ["start"], "abort", "RolledBack", null },
        { ["start", "pause"], "abort", "RolledBack", null },
        { ["start", "promote"], "abort", "RolledBack", null },
        { ["start", "abort"], "start", "Progressing", 0 },
        { ["start", "promote"], "start", "Progressing", 0 },
        { ["start", "reset"], "start", "Progressing", 0 },
        { ["start"], "reset", "Idle", null },
        { ["start", "pause"], "reset", "Idle", null },
        { ["start", "promote"], "reset", "Idle", null },
        { ["start", "abort"], "reset", "Idle", null },
    };

    public static TheoryData<string[], string> RefusedCalls => new()
    {
        { [], "pause" },
        { [], "resume" },
        { [], "promote" },
        { [], "abort" },
        { [], "reset" },
        { ["start"], "start" },
        { ["start"], "resume" },
        { ["start", "pause"], "start" },
        { ["start", "pause"], "pause" },
        { ["start", "promote"], "pause" },
        { ["start", "promote"], "resume" },
        { ["start", "promote"], "promote" },
        { ["start", "abort"], "pause" },
        { ["start", "abort"], "resume" },
        { ["start", "abort"], "promote" },
        { ["start", "abort"], "abort" },
        { ["start", "reset"], "reset" },
    };

    [Fact]
    public async Task Disabled_GetAndEveryCall_404EvenWithTheRightToken()
    {
        await using var rollout = await StartAsync("Gateway:Rollout:Enabled=false");

        var (status, body) = await rollout.GetAsync("/rollout");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Gateway:Rollout:Enabled", ErrorOf(body), StringComparison.Ordinal);
        foreach (var command in Commands)
        {
            using var withToken = await rollout.PostAsync(command);
            using var withoutToken = await rollout.PostAsync(command, token: null);
            Assert.Equal(HttpStatusCode.NotFound, withToken.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
            Assert.Contains("disabled", ErrorOf(await withToken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Disabled_NoTokenConfigured_404NotTheTokensAnswer()
    {
        await using var rollout = await StartAsync("Gateway:Rollout:Enabled=false", "Gateway:Management:Token=");

        using var response = await rollout.PostAsync("abort");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NoTokenConfigured_EveryCall403_ReadingStillAllowed()
    {
        await using var rollout = await StartAsync("Gateway:Management:Token=");

        foreach (var command in Commands)
        {
            // With a bearer token or without: nobody may mutate, and saying so beats asking for a token.
            using var withToken = await rollout.PostAsync(command, "anything");
            using var withoutToken = await rollout.PostAsync(command, token: null);
            Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
            Assert.False(withoutToken.Headers.Contains("WWW-Authenticate"));
            Assert.Contains("Gateway:Management:Token", ErrorOf(await withToken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var document = await rollout.GetRolloutAsync();
        Assert.Equal("Progressing", document.GetProperty("phase").GetString());
        Assert.Equal(1, document.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + RolloutGateway.Token + "x")]
    [InlineData("Bearer")]
    [InlineData(RolloutGateway.Token)]
    [InlineData("Basic " + RolloutGateway.Token)]
    public async Task MissingOrWrongToken_401WithBearerChallenge_NothingChanges(string? authorization)
    {
        await using var rollout = await StartAsync();

        // abort would be allowed (200) and resume refused (409): both must be refused for the token first.
        using var abort = await rollout.PostRawAsync("abort", authorization);
        using var resume = await rollout.PostRawAsync("resume", authorization);

        foreach (var response in new[] { abort, resume })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
            Assert.Contains("bearer token", ErrorOf(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var document = await rollout.GetRolloutAsync();
        Assert.Equal("Progressing", document.GetProperty("phase").GetString());
        Assert.Equal(1, document.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task RightToken_CaseInsensitiveScheme_Accepted()
    {
        await using var rollout = await StartAsync();

        using var response = await rollout.PostRawAsync("pause", "bearer " + RolloutGateway.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NotAllowedNow_409WithOneLineError_NothingChanges()
    {
        await using var rollout = await StartAsync();

        using var response = await rollout.PostAsync("resume");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("error", property.Name);
        Assert.Equal(JsonValueKind.String, property.Value.ValueKind);
        Assert.Contains("Progressing", property.Value.GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", property.Value.GetString()!, StringComparison.Ordinal);
        var document = await rollout.GetRolloutAsync();
        Assert.Equal("Progressing", document.GetProperty("phase").GetString());
        Assert.Equal(1, document.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task TwoConcurrentAborts_OneTransition_One200AndOne409()
    {
        await using var rollout = await StartAsync();

        var responses = await Task.WhenAll(rollout.PostAsync("abort"), rollout.PostAsync("abort"));

        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("already RolledBack", ErrorOf(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            var history = (await rollout.GetRolloutAsync()).GetProperty("history").EnumerateArray().ToArray();
            Assert.Single(history, h => h.GetProperty("to").GetString() == "RolledBack");
            Assert.Equal(2, history.Length);
            Assert.Equal(1, rollout.Meters.Count("gateway.rollout.transitions", ("from", "Progressing"), ("to", "RolledBack")));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Theory]
    [InlineData("explode")]
    [InlineData("1")]
    [InlineData("Start2")]
    [InlineData("-1")]
    public async Task UnknownCall_404(string command)
    {
        await using var rollout = await StartAsync();

        using var response = await rollout.PostAsync(command);
        using var withoutToken = await rollout.PostAsync(command, token: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
        Assert.Equal(1, (await rollout.GetRolloutAsync()).GetProperty("history").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(AllowedCalls))]
    public async Task AllowedCall_200WithTheNewDocument_OneHistoryEntry(string[] before, string command, string phase, int? step)
    {
        await using var rollout = await StartAsync("Gateway:Rollout:AutoStart=false");
        var from = "Idle";
        foreach (var call in before)
        {
            from = (await rollout.CommandAsync(call)).GetProperty("phase").GetString()!;
        }

        var document = await rollout.CommandAsync(command);

        Assert.Equal(phase, document.GetProperty("phase").GetString());
        Assert.Equal(step, document.GetProperty("step").ValueKind == JsonValueKind.Null ? null : document.GetProperty("step").GetInt32());
        var history = document.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(before.Length + 1, history.Length);
        Assert.Equal(from, history[^1].GetProperty("from").GetString());
        Assert.Equal(phase, history[^1].GetProperty("to").GetString());
        Assert.Contains("management API", history[^1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The answer is the document GET /rollout shows from then on.
        Assert.Equal(document.GetRawText(), (await rollout.GetRolloutAsync()).GetRawText());
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task RefusedCall_409_PhaseAndHistoryUnchanged(string[] before, string command)
    {
        await using var rollout = await StartAsync("Gateway:Rollout:AutoStart=false");
        foreach (var call in before)
        {
            await rollout.CommandAsync(call);
        }

        var previous = await rollout.GetRolloutAsync();

        using var response = await rollout.PostAsync(command);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEmpty(ErrorOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal(previous.GetRawText(), (await rollout.GetRolloutAsync()).GetRawText());
    }

    /// <summary>A gateway whose pods are never contacted: these tests send no user traffic.</summary>
    private static Task<RolloutGateway> StartAsync(params string[] settings) =>
        RolloutGateway.StartAsync([Unused()], [Unused()], [.. RolloutGateway.Steps(10, 50, 100), .. settings]);

    private static string Unused() => $"http://{Loopback.NextAddress(Backend.AddressRange)}:{Loopback.PodPort}";

    private static string ErrorOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
