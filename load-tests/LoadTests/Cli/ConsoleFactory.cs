using Spectre.Console;

namespace LoadTests.Cli;

/// <summary>A Spectre.Console console over any writer; plain and wide when the writer is not a terminal.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        // Colours and the live table only on a real terminal: logs, pipes and captured output get plain text.
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console.Profile.Out.IsTerminal)
        {
            // Redirected output has no width; don't wrap tables at Spectre's default of 80 columns.
            console.Profile.Width = 220;
        }

        return console;
    }
}
