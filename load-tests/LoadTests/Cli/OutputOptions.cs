using System.CommandLine;

namespace LoadTests.Cli;

/// <summary><c>--report</c> and <c>--no-live</c>.</summary>
internal sealed class OutputOptions
{
    private readonly Option<string?> _report = new("--report") { Description = "Report folder (report.json, report.md, report.html, PNG charts). Default: load-reports/<UTC timestamp>.", HelpName = "dir" };
    private readonly Option<bool> _noLive = OptionFactory.Flag("--no-live", "Plain progress lines instead of the live table (the default when output is not a terminal).");

    public void AddTo(Command command)
    {
        command.Add(_report);
        command.Add(_noLive);
    }

    public string? Report(ParseResult parse) => parse.GetValue(_report);

    public bool Live(ParseResult parse) => !parse.GetValue(_noLive);
}
