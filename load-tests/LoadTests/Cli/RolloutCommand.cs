using System.CommandLine;
using LoadTests.Rollouts;
using LoadTests.Scenarios;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>
/// <c>rollout</c>: users through a whole rollout of the gateway, judged against the steps polled from its
/// <c>GET /rollout</c>; ends at the rollout's final phase (plus <c>--tail</c>) or at <c>--duration</c>.
/// </summary>
internal static class RolloutCommand
{
    /// <summary>
    /// 10 new users a second, each returning once a second for a minute (about 600 users and 600 requests a second
    /// at once), until the rollout ends or 15 minutes pass. At the shipped 2 checks × 30 s per step that is ~600 new
    /// users per step: at a 5 % step the tolerance is ±4 pp.
    /// </summary>
    public static LoadSimulation Defaults { get; } = new()
    {
        Users = 1_000_000,
        ArriveUntilStopped = true,
        ArrivalRate = 10,
        RequestsPerUser = 0,
        UserDuration = TimeSpan.FromSeconds(60),
        UserRate = 1,
        MaxActiveUsers = 2000,
        Duration = TimeSpan.FromMinutes(15),
    };

    public static Command Create(IAnsiConsole console, string commandLine)
    {
        var command = new Command(
            ScenarioCatalog.Rollout,
            "Users through a whole rollout while polling the gateway's GET /rollout: the canary share of new users must follow each step's weight, no user may go back from canary to stable while the weight rises, "
            + "after a rollback every user must be on stable, only the canary may fail, and the rollout must end as --expect says.");
        var target = new TargetOptions(null, "Host header (and TLS server name), e.g. foo.bar; default: the URL's host.");
        var management = new Option<string?>("--management")
        {
            Description = $"The gateway's management port, where GET /rollout answers, e.g. http://127.0.0.1:{RolloutSettings.DefaultManagementPort}. Default: the --url's host on port {RolloutSettings.DefaultManagementPort} over http.",
            HelpName = "url",
        };
        var expect = OptionFactory.Create("--expect", "promoted", "How the rollout must end: promoted (final phase Promoted, or Succeeded after promotion by Deployment) or rolled-back (RolledBack).", "outcome");
        expect.AcceptOnlyFromAmong("promoted", "rolled-back");
        var pollInterval = OptionFactory.Duration("--poll-interval", TimeSpan.FromMilliseconds(500), "Time between two polls of GET /rollout.");
        var margin = OptionFactory.Duration("--change-margin", TimeSpan.FromSeconds(1), "Answers this close to a change of weight or phase are not judged: the change lies somewhere between two polls, and other gateway replicas follow within a second.");
        var tail = OptionFactory.Duration("--tail", TimeSpan.FromSeconds(5), "Keep users coming this long after the final phase, to see them stay where it puts them (after a rollback: on stable); longer if a user active then has not been back since (a loaded machine).");
        var load = new LoadOptions(Defaults, "Timeout: the run fails if the rollout has not reached a final phase by then.");
        var verdict = VerdictOptions.ForRollout();
        var output = new OutputOptions();
        target.AddTo(command);
        foreach (var option in new Option[] { management, expect, pollInterval, margin, tail })
        {
            command.Add(option);
        }

        load.AddTo(command);
        verdict.AddTo(command);
        output.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = target.Bind(parse);
            var simulation = load.Bind(parse);
            if (simulation.ArrivalRate <= 0)
            {
                throw new UsageException("--arrival-rate must be positive: new users keep arriving through the whole rollout");
            }

            var rollout = new RolloutSettings
            {
                RolloutUrl = RolloutSettings.RolloutUrlOf(ManagementUrl(parse.GetValue(management), settings.Url)),
                Expect = parse.GetValue(expect) == "rolled-back" ? ExpectedOutcome.RolledBack : ExpectedOutcome.Promoted,
                PollInterval = parse.GetValue(pollInterval) is var poll && poll > TimeSpan.Zero ? poll : throw new UsageException("--poll-interval must be positive"),
                ChangeMargin = parse.GetValue(margin),
                Tail = parse.GetValue(tail),
            };
            return await RolloutExecution.RunAsync(console, settings, simulation, verdict.Bind(parse), rollout, output.Report(parse), output.Live(parse), commandLine, cancellationToken);
        });
        return command;
    }

    private static Uri ManagementUrl(string? text, Uri target)
    {
        if (text is null)
        {
            return RolloutSettings.DefaultManagement(target);
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"--management: '{text}' is not an absolute http:// or https:// URL");
    }
}
