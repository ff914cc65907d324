using System.CommandLine;
using LoadTests.Scenarios;
using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>The <c>split</c>, <c>force</c> and <c>host</c> commands: a scenario against any URL.</summary>
internal static class ScenarioCommands
{
    public static Command Split(IAnsiConsole console, string commandLine) => Create(
        console,
        commandLine,
        ScenarioCatalog.Split,
        "New users without forcing: measures the canary share of users and of requests, stickiness (users that saw two versions), latency per version and errors.",
        defaultHost: null,
        hostHelp: "Host header (and TLS server name), e.g. foo.bar; default: the URL's host.",
        (_, host) => ScenarioCatalog.SplitScenario(host));

    public static Command Force(IAnsiConsole console, string commandLine)
    {
        var cookie = OptionFactory.Create("--force-cookie", "canary", "Name of the force cookie.", "name");
        var header = OptionFactory.Create("--force-header", "X-Canary", "Name of the force header.", "name");
        return Create(
            console,
            commandLine,
            ScenarioCatalog.Force,
            "Users forcing a track: cookie canary=always|never and header X-Canary: always|never (users dealt to the four in turn); each must see only that track's version.",
            defaultHost: null,
            hostHelp: "Host header (and TLS server name), e.g. foo.bar; default: the URL's host.",
            (parse, host) => ScenarioCatalog.ForceScenario(host, parse.GetValue(cookie)!, parse.GetValue(header)!),
            cookie,
            header);
    }

    public static Command Host(IAnsiConsole console, string commandLine)
    {
        var canaryHost = OptionFactory.Create("--canary-host", "canary.foo.bar", "The host pinned to canary.", "host");
        return Create(
            console,
            commandLine,
            ScenarioCatalog.Host,
            "Half the users ask for the pinned canary host (must see only canary), half for the main host (the sticky split).",
            defaultHost: "foo.bar",
            hostHelp: "The main host, which gets the split.",
            (parse, host) => ScenarioCatalog.HostScenario(host ?? "foo.bar", parse.GetValue(canaryHost)!),
            canaryHost);
    }

    private static Command Create(
        IAnsiConsole console,
        string commandLine,
        string name,
        string description,
        string? defaultHost,
        string hostHelp,
        Func<ParseResult, string?, ScenarioDefinition> scenario,
        params Option[] extra)
    {
        var command = new Command(name, description);
        var target = new TargetOptions(defaultHost, hostHelp);
        var load = new LoadOptions(new LoadSimulation());
        var verdict = new VerdictOptions();
        var output = new OutputOptions();
        target.AddTo(command);
        foreach (var option in extra)
        {
            command.Add(option);
        }

        load.AddTo(command);
        verdict.AddTo(command);
        output.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = target.Bind(parse);
            var definition = scenario(parse, settings.Host);
            return await ScenarioExecution.RunAsync(
                console,
                definition,
                settings,
                load.Bind(parse),
                verdict.Bind(parse),
                output.Report(parse),
                output.Live(parse),
                commandLine,
                cancellationToken);
        });
        return command;
    }
}
