using System.CommandLine;
using System.Text.Json;
using LoadTests.Cli;
using LoadTests.Reporting;
using Spectre.Console;

namespace LoadTests.Diagnostics;

/// <summary><c>gc-sample --pid N</c>: one <see cref="GcSample"/> of a running .NET process, as a line or JSON.</summary>
internal static class GcSampleCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("gc-sample", "Sample a running .NET process (e.g. the gateway): working set (VmRSS), the gc-heap-size and gc-committed counters, then the GC heap right after a full blocking GC that this induces (like dotnet-gcdump, through EventPipe) and the number of GC heaps.");
        var pid = new Option<int>("--pid") { Description = "The process id (of the dotnet process running Gateway.dll).", HelpName = "pid", Required = true };
        var json = OptionFactory.Flag("--json", "Print the sample as JSON instead of one line.");
        var noCounter = OptionFactory.Flag("--no-counter", "Skip reading the gc-heap-size and gc-committed counters (saves about a second).");
        var events = OptionFactory.Flag("--events", "Also print every GC event seen (to standard error), to check which GC was taken.");
        foreach (var option in new Option[] { pid, json, noCounter, events })
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var sampler = new GcSampler(parse.GetValue(events) ? Console.Error : null);
            try
            {
                var sample = await sampler.SampleAsync(parse.GetValue(pid), !parse.GetValue(noCounter), cancellationToken);
                console.Profile.Out.Writer.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(GcSampleJson.From(sample), JsonReport.Options) : sample.Describe());
                return ExitCodes.Passed;
            }
            catch (GcSampleException ex)
            {
                await Console.Error.WriteLineAsync($"gc-sample: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
