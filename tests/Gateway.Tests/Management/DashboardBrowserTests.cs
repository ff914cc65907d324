using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Management;

/// <summary>The dashboard in a real browser: headless Debian Chromium driven by Playwright.</summary>
public sealed class DashboardBrowserTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    [ChromiumFact]
    public async Task Dashboard_InChromium_ShowsBothTracksWithPods_AndUpdatesAfterTraffic()
    {
        await using var gateway = await topology.StartGatewayAsync("Gateway:Canary:Weight=25");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumBrowser.RequirePath(), Headless = true, Args = ChromiumBrowser.Arguments });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(gateway.ManagementUrl.ToString());

        await Expect(page.Locator("#state")).ToHaveTextAsync("ready");
        await Expect(page.Locator("[data-track=stable] tr.pod")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-track=canary] tr.pod")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-track=canary] .pod-address")).ToHaveTextAsync(topology.Canary.Url + "/");
        await Expect(page.Locator("#weight")).ToHaveTextAsync("25.0 %");
        await Expect(page.Locator("[data-track=canary] [data-field=rps]")).ToHaveTextAsync("0.00");

        using var client = gateway.CreateRawClient();
        for (var i = 0; i < 60; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "foo.bar" } };
            request.Headers.Add("Cookie", i % 3 == 0 ? "canary=always" : "canary=never");
            using var response = await client.SendAsync(request);
        }

        // The page polls /status every 2 s; Expect retries until the new figures show (or its timeout).
        await Expect(page.Locator("[data-track=canary] [data-field=rps]")).ToHaveTextAsync("0.33", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-track=stable] [data-field=rps]")).ToHaveTextAsync("0.67");
        await Expect(page.Locator("#observed")).ToHaveTextAsync("33.3 %");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dashboard.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
