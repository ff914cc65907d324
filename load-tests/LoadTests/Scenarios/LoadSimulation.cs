using System.Globalization;

namespace LoadTests.Scenarios;

/// <summary>
/// How virtual users arrive and what each one does (NBomber's load simulation): <see cref="Users"/> users arrive at
/// <see cref="ArrivalRate"/> per second (or spread over <see cref="Ramp"/>, or all at once), each makes
/// <see cref="RequestsPerUser"/> requests or keeps going for <see cref="UserDuration"/>, closed-loop or at
/// <see cref="UserRate"/>. Every run is bounded by <see cref="Duration"/>.
/// </summary>
internal sealed record LoadSimulation
{
    public int Users { get; init; } = 1000;

    /// <summary>
    /// Users keep arriving until the scenario stops the run (the rollout's end) or <see cref="Duration"/>;
    /// <see cref="Users"/> is then only a cap, and users that never arrived are not "not started".
    /// </summary>
    public bool ArriveUntilStopped { get; init; }

    /// <summary>New users per second; 0: use <see cref="Ramp"/>.</summary>
    public double ArrivalRate { get; init; } = 200;

    /// <summary>Spread the arrivals evenly over this time when <see cref="ArrivalRate"/> is 0; both 0: all at once.</summary>
    public TimeSpan Ramp { get; init; }

    /// <summary>Requests each user makes; 0: as many as fit in <see cref="UserDuration"/>.</summary>
    public int RequestsPerUser { get; init; } = 10;

    /// <summary>How long each user keeps requesting; 0: until <see cref="RequestsPerUser"/> is reached.</summary>
    public TimeSpan UserDuration { get; init; }

    /// <summary>Requests per second of one user; 0: closed loop (the next request as soon as the last answered).</summary>
    public double UserRate { get; init; }

    /// <summary>Users active at once (each holds a connection); arrivals wait for a free slot beyond this.</summary>
    public int MaxActiveUsers { get; init; } = 500;

    /// <summary>The whole run ends after this, whatever is left.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When user <paramref name="index"/> (0-based) arrives, from the start of the run.</summary>
    public TimeSpan ArrivalAt(int index)
    {
        if (ArrivalRate > 0)
        {
            return TimeSpan.FromSeconds(index / ArrivalRate);
        }

        return Ramp > TimeSpan.Zero && Users > 1 ? Ramp * index / (Users - 1) : TimeSpan.Zero;
    }

    /// <summary>An error message, or null when the settings make a bounded run.</summary>
    public string? Validate()
    {
        if (Users < 1)
        {
            return "--users must be at least 1";
        }

        if (RequestsPerUser < 0 || UserDuration < TimeSpan.Zero || (RequestsPerUser == 0 && UserDuration == TimeSpan.Zero))
        {
            return "each user needs --requests > 0 or --user-duration > 0";
        }

        if (ArrivalRate < 0 || UserRate < 0 || Ramp < TimeSpan.Zero)
        {
            return "--arrival-rate, --user-rate and --ramp cannot be negative";
        }

        if (MaxActiveUsers < 1)
        {
            return "--max-active must be at least 1";
        }

        return Duration <= TimeSpan.Zero ? "--duration must be positive" : null;
    }

    public string Describe()
    {
        var arrival = ArrivalRate > 0 ? $"arriving at {ArrivalRate:0.##}/s" : Ramp > TimeSpan.Zero ? $"arriving over {Ramp.TotalSeconds:0.##} s" : "all at once";
        var each = RequestsPerUser > 0 ? $"{RequestsPerUser} requests" : $"requests for {UserDuration.TotalSeconds:0.##} s";
        if (RequestsPerUser > 0 && UserDuration > TimeSpan.Zero)
        {
            each += $" (at most {UserDuration.TotalSeconds:0.##} s)";
        }

        var pace = UserRate > 0 ? $"at {UserRate:0.##} req/s" : "closed-loop";
        var users = ArriveUntilStopped ? $"users {arrival} until the run stops (at most {Users})" : $"{Users} users {arrival}";
        return string.Create(CultureInfo.InvariantCulture, $"{users}, each {each} {pace}, at most {MaxActiveUsers} active, run capped at {Duration.TotalSeconds:0.##} s");
    }
}
