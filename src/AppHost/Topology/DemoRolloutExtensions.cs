using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppHost.Topology;

/// <summary>
/// The gateway's rollout for <c>Topology:Rollout=true</c>: DESIGN.md's settings with timings for a demo, so that under
/// load a rollout is decided in under a minute instead of the shipped ten — a canary answering errors rolled back in
/// about 10 s (two failing checks), a good one promoted in about 40 s (two passing checks on each of four steps).
/// </summary>
internal static partial class DemoRolloutExtensions
{
    /// <summary>Four steps rather than five: 10 % is enough to judge the canary on, and each step costs two checks.</summary>
    public static IReadOnlyList<int> Steps { get; } = [10, 25, 50, 100];

    /// <summary>One check per 5 s: long enough to gather <see cref="MinRequests"/> canary requests at 10 % of a modest load.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Two passing checks per step, as shipped: one lucky check must not advance the canary.</summary>
    public const int ChecksPerStep = 2;

    /// <summary>
    /// The shipped 50, kept: with fewer requests the error-rate test has little power (at 20 requests a canary failing
    /// 20 % passes a check about one time in five); 50 canary requests per 5 s at 10 % is only 100 requests a second.
    /// </summary>
    public const int MinRequests = 50;

    /// <summary>
    /// Turns the rollout on with the demo timings, makes a management token for this run (shown in the dashboard as the
    /// gateway's <c>Gateway__Management__Token</c>, and printed once the gateway is ready), and links <c>GET /rollout</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDemoRollout(this IResourceBuilder<ProjectResource> gateway, Uri management)
    {
        // 128 bits, hex: valid in a Bearer header as is, and different on every run of the app host.
        var token = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var managementUrl = management.GetLeftPart(UriPartial.Authority);

        gateway.WithEnvironment("Gateway__Rollout__Enabled", "true");
        for (var i = 0; i < Steps.Count; i++)
        {
            gateway.WithEnvironment(
                string.Create(CultureInfo.InvariantCulture, $"Gateway__Rollout__Steps__{i}"), Steps[i].ToString(CultureInfo.InvariantCulture));
        }

        return gateway
            .WithEnvironment("Gateway__Rollout__Interval", Interval.ToString("c", CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__Rollout__ChecksPerStep", ChecksPerStep.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Gateway__Rollout__MinRequests", MinRequests.ToString(CultureInfo.InvariantCulture))
            // DESIGN.md: with rollouts, Idle sends the canary only testers (pinned host, forcing); the rollout sets the rest.
            .WithEnvironment("Gateway__Canary__Weight", "0")
            .WithEnvironment("Gateway__Management__Token", token)
            .WithUrl($"{managementUrl}/rollout", "GET /rollout")
            .OnResourceReady((_, ready, _) =>
            {
                var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoRolloutExtensions).FullName!);
                LogReady(logger, token, managementUrl);
                return Task.CompletedTask;
            });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message =
        "Rollout demo: the gateway is ready. Management token: {Token}\n" +
        "  watch:  curl {Management}/rollout\n" +
        "  pause:  curl -X POST -H \"Authorization: Bearer {Token}\" {Management}/rollout/pause\n" +
        "  (likewise resume, promote, abort, start, reset)")]
    private static partial void LogReady(ILogger logger, string token, string management);
}
