using System.CommandLine;
using LoadTests.Statistics;
using LoadTests.Verdicts;

namespace LoadTests.Cli;

/// <summary><c>--expect-canary</c>, <c>--max-errors</c> and the tolerance's parameters.</summary>
internal sealed class VerdictOptions
{
    private readonly Option<double?>? _expectCanary;
    private readonly Option<double> _maxErrors;
    private readonly Option<double> _sigmas = OptionFactory.Create("--sigmas", ShareTolerance.DefaultSigmas, "Standard deviations in the canary share tolerance.", "k");
    private readonly Option<double> _floor = OptionFactory.Create("--share-floor", ShareTolerance.DefaultFloorPercent, "Percentage points added to the tolerance (bucket granularity, users cut short).", "pp");

    public VerdictOptions(double? defaultExpectCanary = null)
        : this(
            new Option<double?>("--expect-canary")
            {
                Description = "Fail unless the canary share of users is this percentage within the binomial tolerance: "
                    + "sigmas × sqrt(p(1−p)/n) + floor, n = users that got an answer.",
                HelpName = "percent",
                DefaultValueFactory = _ => defaultExpectCanary,
            },
            "Fail if more than this percentage of requests fail (status not 2xx, timeout, refused, reset, no version, track mismatch…). Default 0: any error fails.")
    {
    }

    private VerdictOptions(Option<double?>? expectCanary, string maxErrorsDescription)
    {
        _expectCanary = expectCanary;
        _maxErrors = OptionFactory.Create("--max-errors", 0.0, maxErrorsDescription, "percent");
    }

    /// <summary>
    /// The rollout's: no <c>--expect-canary</c> (each step's weight is the expectation), and <c>--max-errors</c> counts
    /// only the requests the canary did not answer — the canary may fail, that is what the gateway's gates judge.
    /// </summary>
    public static VerdictOptions ForRollout() => new(
        expectCanary: null,
        "Fail if more than this percentage of the requests not answered by the canary (X-Canary-Track: stable, or no answer at all) fail. Default 0: any such error fails.");

    public void AddTo(Command command)
    {
        if (_expectCanary is not null)
        {
            command.Add(_expectCanary);
        }

        command.Add(_maxErrors);
        command.Add(_sigmas);
        command.Add(_floor);
    }

    public VerdictSettings Bind(ParseResult parse)
    {
        var settings = new VerdictSettings
        {
            ExpectCanaryPercent = _expectCanary is null ? null : parse.GetValue(_expectCanary),
            MaxErrorPercent = parse.GetValue(_maxErrors),
            Sigmas = parse.GetValue(_sigmas),
            FloorPercent = parse.GetValue(_floor),
        };
        if (settings.ExpectCanaryPercent is < 0 or > 100)
        {
            throw new UsageException("--expect-canary must be between 0 and 100");
        }

        return settings.MaxErrorPercent is < 0 or > 100 || settings.Sigmas < 0 || settings.FloorPercent < 0
            ? throw new UsageException("--max-errors must be 0–100; --sigmas and --share-floor cannot be negative")
            : settings;
    }
}
