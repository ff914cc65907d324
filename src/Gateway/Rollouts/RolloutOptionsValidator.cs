using System.Globalization;
using Gateway.Configuration;
using Gateway.Discovery;
using Microsoft.Extensions.Options;

namespace Gateway.Rollouts;

/// <summary>Validates <see cref="RolloutOptions"/>; each failure names the configuration key and the bad value.</summary>
internal sealed class RolloutOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<RolloutOptions>
{
    private const string Prefix = RolloutOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        // The binder drops a list element it cannot convert without a word: [ten, 50] would bind as [50].
        foreach (var step in configuration?.GetSection(Prefix + "Steps").GetChildren() ?? [])
        {
            if (!double.TryParse(step.Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _))
            {
                return Fail($"Steps:{step.Key}", $"must be a number, got '{step.Value}'");
            }
        }

        if (options.Steps is { Count: > 0 } steps)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                if (double.IsNaN(steps[i]) || steps[i] <= 0 || steps[i] > 100)
                {
                    return Fail($"Steps:{i}", $"must be a weight with 0 < w <= 100, got '{Format(steps[i])}'");
                }

                if (i > 0 && steps[i] <= steps[i - 1])
                {
                    return Fail($"Steps:{i}", $"must be above the step before it ('{Format(steps[i - 1])}'): steps rise strictly, got '{Format(steps[i])}'");
                }
            }
        }

        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            return Fail("Interval", $"must be at least 00:00:01, got '{options.Interval}'");
        }

        if (options.ChecksPerStep < 1)
        {
            return Fail("ChecksPerStep", $"must be at least 1, got '{options.ChecksPerStep}'");
        }

        if (options.MinRequests < 1)
        {
            return Fail("MinRequests", $"must be at least 1, got '{options.MinRequests}'");
        }

        if (options.FailureLimit < 1)
        {
            return Fail("FailureLimit", $"must be at least 1, got '{options.FailureLimit}'");
        }

        var gates = options.Gates;
        if (double.IsNaN(gates.MaxErrorRate) || gates.MaxErrorRate < 0 || gates.MaxErrorRate > 100)
        {
            return Fail("Gates:MaxErrorRate", $"must be a percentage between 0 and 100, got '{Format(gates.MaxErrorRate)}'");
        }

        if (gates.MaxP99 <= TimeSpan.Zero)
        {
            return Fail("Gates:MaxP99", $"must be a positive duration such as 00:00:00.500, got '{gates.MaxP99}'");
        }

        if (double.IsNaN(gates.MaxP99OverStable) || gates.MaxP99OverStable <= 0)
        {
            return Fail("Gates:MaxP99OverStable", $"must be a positive factor such as 1.5, got '{Format(gates.MaxP99OverStable)}'");
        }

        if (!Enum.IsDefined(options.Promotion))
        {
            return Fail("Promotion", $"must be Manual or Deployment, got '{options.Promotion}'");
        }

        if (options.Promotion == RolloutPromotion.Deployment && configuration is not null
            && GatewaySettings.BindOrDefault<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName).Discovery != DiscoveryMode.Kubernetes)
        {
            // Promotion patches the stable Deployment: without the Kubernetes API a rollout would stop at Promoted for good.
            return Fail("Promotion", "'Deployment' needs Gateway:Discovery=Kubernetes (it patches the stable Deployment through the API); use Manual in static mode");
        }

        if (options.ScaleDownCanary && options.Promotion != RolloutPromotion.Deployment)
        {
            return Fail("ScaleDownCanary", "needs Promotion: Deployment (with Manual promotion the gateway never touches a Deployment)");
        }

        if (string.IsNullOrWhiteSpace(options.PeersService))
        {
            return Fail("PeersService", "must name the Service of the gateways' management ports, got an empty value");
        }

        if (options.Identity is not null && string.IsNullOrWhiteSpace(options.Identity))
        {
            return Fail("Identity", "must not be blank (omit it to use POD_NAME)");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            // The Lease stores its duration in whole seconds.
            return Fail("LeaseDuration", $"must be at least 00:00:01 (a Lease counts whole seconds), got '{options.LeaseDuration}'");
        }

        if (options.RetryPeriod <= TimeSpan.Zero || options.RenewDeadline <= options.RetryPeriod || options.LeaseDuration <= options.RenewDeadline)
        {
            return Fail("LeaseDuration", $"must be above RenewDeadline, itself above RetryPeriod, itself above zero; got {options.LeaseDuration} > {options.RenewDeadline} > {options.RetryPeriod}");
        }

        return ValidateOptionsResult.Success;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static ValidateOptionsResult Fail(string key, string problem) => ValidateOptionsResult.Fail($"{Prefix}{key} {problem}.");
}
