using System.CommandLine;
using LoadTests.Scenarios;

namespace LoadTests.Cli;

/// <summary>The load simulation: how many users, how they arrive, what each one does, and the cap on the run.</summary>
/// <param name="defaults">The command's defaults, shown in --help.</param>
/// <param name="durationDescription">What <c>--duration</c> means to the command, when more than a cap on the run.</param>
internal sealed class LoadOptions(LoadSimulation defaults, string? durationDescription = null)
{
    private readonly Option<int> _users = OptionFactory.Create(
        "--users",
        defaults.Users,
        defaults.ArriveUntilStopped ? "At most this many virtual users in all (each with its own cookie jar and connection); they keep arriving until the run ends." : "Virtual users in all (each with its own cookie jar and connection).",
        "n");
    private readonly Option<double> _arrivalRate = OptionFactory.Create("--arrival-rate", defaults.ArrivalRate, "New users per second; 0: spread them over --ramp, or all at once.", "users/s");
    private readonly Option<TimeSpan> _ramp = OptionFactory.Duration("--ramp", defaults.Ramp, "Spread the arrivals evenly over this time (with --arrival-rate 0).");
    private readonly Option<int> _requests = OptionFactory.Create("--requests", defaults.RequestsPerUser, "Requests per user; 0: as many as fit in --user-duration.", "n");
    private readonly Option<TimeSpan> _userDuration = OptionFactory.Duration("--user-duration", defaults.UserDuration, "How long each user keeps requesting (0: until --requests).");
    private readonly Option<double> _userRate = OptionFactory.Create("--user-rate", defaults.UserRate, "Requests per second of each user; 0: closed loop (next request as soon as the answer is read).", "req/s");
    private readonly Option<int> _maxActive = OptionFactory.Create("--max-active", defaults.MaxActiveUsers, "Users active at once (one connection each); later arrivals wait for a slot.", "n");
    private readonly Option<TimeSpan> _duration = OptionFactory.Duration("--duration", defaults.Duration, durationDescription ?? "Hard cap on the whole run: what is not done by then is not started.");

    public void AddTo(Command command)
    {
        command.Add(_users);
        command.Add(_arrivalRate);
        command.Add(_ramp);
        command.Add(_requests);
        command.Add(_userDuration);
        command.Add(_userRate);
        command.Add(_maxActive);
        command.Add(_duration);
    }

    /// <exception cref="UsageException">The simulation would not be bounded.</exception>
    public LoadSimulation Bind(ParseResult parse)
    {
        var simulation = new LoadSimulation
        {
            Users = parse.GetValue(_users),
            ArriveUntilStopped = defaults.ArriveUntilStopped,
            ArrivalRate = parse.GetValue(_arrivalRate),
            Ramp = parse.GetValue(_ramp),
            RequestsPerUser = parse.GetValue(_requests),
            UserDuration = parse.GetValue(_userDuration),
            UserRate = parse.GetValue(_userRate),
            MaxActiveUsers = parse.GetValue(_maxActive),
            Duration = parse.GetValue(_duration),
        };
        return simulation.Validate() is { } error ? throw new UsageException(error) : simulation;
    }
}
