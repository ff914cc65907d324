using System.CommandLine;

namespace LoadTests.Cli;

/// <summary>Options with defaults shown in --help, and durations parsed by <see cref="DurationParser"/>.</summary>
internal static class OptionFactory
{
    public static Option<T> Create<T>(string name, T defaultValue, string description, string? helpName = null) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = helpName,
    };

    public static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = description,
        HelpName = "duration",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DurationParser.TryParse(text, out var value))
            {
                return value.Value;
            }

            result.AddError($"{name}: '{text}' is not a duration (e.g. 500ms, 10s, 2m, 1h)");
            return default;
        },
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}
