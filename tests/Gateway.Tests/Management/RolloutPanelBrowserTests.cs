using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Management;

/// <summary>The dashboard's rollout panel in headless Debian Chromium, against a gateway with rollouts on or off.</summary>
public sealed class RolloutPanelBrowserTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    private const string Token = "panel-test-token";

    [ChromiumFact]
    public async Task RolloutPanel_Pause_WrongTokenShows401_RightTokenPausesTheServer()
    {
        // In static mode a rollout starts by itself right after startup; without traffic its checks (one a second) wait,
        // so it stays on step 0.
        await using var gateway = await topology.StartGatewayAsync(
            "Gateway:Canary:Weight=0", "Gateway:Rollout:Enabled=true", "Gateway:Rollout:Interval=00:00:01", $"Gateway:Management:Token={Token}");
        using var management = gateway.CreateRawClient(gateway.ManagementUrl);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(gateway.ManagementUrl.ToString());
        var panel = page.Locator("#rollout");
        var message = page.Locator("#rollout-message");

        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("[data-field=phase]")).ToHaveTextAsync("Progressing");
        await Expect(panel.Locator("[data-field=step]")).ToHaveTextAsync("step 1 of 5");
        await Expect(panel.Locator("[data-field=weight]")).ToHaveTextAsync("5 %");
        await Expect(panel.Locator("[data-field=revision]")).ToHaveTextAsync(topology.Canary.Url);
        await Expect(Button(page, "pause")).ToBeEnabledAsync();
        await Expect(Button(page, "resume")).ToBeDisabledAsync();

        // A check from the server's own document: its verdict marked on the chart, its figures per track in the table.
        await Expect(panel.Locator("[data-field=verdict]")).ToHaveTextAsync("wait", new() { Timeout = 15_000 });
        await Expect(page.Locator("#rollout-chart [data-verdict=wait]").First).ToBeAttachedAsync();
        await Expect(panel.Locator("tr[data-figure=requests] td")).ToHaveTextAsync(["requests", "0", "0"]);
        await Expect(panel.Locator("tr[data-figure=p99] td")).ToHaveTextAsync(["p99", "–", "–"]);
        await Expect(panel.Locator("[data-field=check-why]")).Not.ToBeEmptyAsync();

        await page.Locator("#rollout-token").FillAsync("not-the-token");
        await Button(page, "pause").ClickAsync();

        await Expect(message).ToContainTextAsync("pause refused (401");
        await Expect(panel.Locator("[data-field=phase]")).ToHaveTextAsync("Progressing");
        Assert.Equal("Progressing", await PhaseAsync(management));

        await page.Locator("#rollout-token").FillAsync(Token);
        await Button(page, "pause").ClickAsync();

        await Expect(message).ToHaveTextAsync("pause: done, phase Paused");
        await Expect(panel.Locator("[data-field=phase]")).ToHaveTextAsync("Paused");
        await Expect(panel.Locator("[data-field=step]")).ToHaveTextAsync("step 1 of 5");
        await Expect(Button(page, "pause")).ToBeDisabledAsync();
        await Expect(Button(page, "resume")).ToBeEnabledAsync();
        Assert.Equal("Paused", await PhaseAsync(management));

        // The token stays in this tab's session: never in localStorage, never in the address.
        Assert.Equal(Token, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('gateway.management.token')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.DoesNotContain(Token, page.Url, StringComparison.Ordinal);

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dashboard-rollout.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task RolloutPanel_RolloutsDisabled_StaysHidden_AndTheTracksStillShow()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(gateway.ManagementUrl.ToString());

        // The page records the answer it acted on: wait for the 404, so "hidden" is not merely "not asked yet".
        await Expect(page.Locator("#rollout[data-status='404']")).ToHaveCountAsync(1);

        await Expect(page.Locator("#rollout")).ToBeHiddenAsync();
        await Expect(page.Locator("#state")).ToHaveTextAsync("ready");
        await Expect(page.Locator("[data-track=stable] tr.pod")).ToHaveCountAsync(3);
        await Expect(page.Locator("#weight")).ToHaveTextAsync("25.0 %");
        Assert.Empty(errors);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumBrowser.RequirePath(), Headless = true, Args = ChromiumBrowser.Arguments });

    private static ILocator Button(IPage page, string action) => page.Locator($"#rollout [data-action={action}]");

    private static async Task<string?> PhaseAsync(HttpClient management)
    {
        using var response = await management.GetAsync(new Uri("/rollout", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        return document.GetProperty("phase").GetString();
    }
}
