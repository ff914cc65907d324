using System.Text;
using System.Text.Json;
using Gateway.Rollouts;
using Manifests.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Manifests.Tests;

/// <summary>
/// k8s/gateway: the rollout settings the canary-gateway-config ConfigMap shows (DESIGN.md "Rollouts"), and that its
/// commented JSON is what the gateway starts with.
/// </summary>
public sealed class GatewayRolloutConfigTests
{
    /// <summary>The keys of Gateway:Rollout that apply to a single gateway replica; the rest belong to leader election.</summary>
    private static readonly string[] SingleReplicaKeys =
    [
        "Enabled", "AutoStart", "Steps", "Interval", "ChecksPerStep", "MinRequests", "FailureLimit",
        "Gates:MaxErrorRate", "Gates:MaxP99", "Gates:MaxP99OverStable", "Promotion",
    ];

    private readonly GatewayManifests _gateway = new();

    [Fact]
    public void Settings_Rollout_ShipsDisabled()
    {
        // Turning rollouts on is the operator's step (README "Deploy to Kubernetes"), after creating the management
        // token; the two replicas then share one rollout through a Lease and a state ConfigMap the gateway creates.
        Assert.Equal(2, _gateway.Deployment.Spec.Replicas);
        Assert.False(Rollout().Enabled);
    }

    [Fact]
    public void Settings_Rollout_ShowsEverySingleReplicaKeyAndNoOther()
    {
        var section = _gateway.LoadConfiguration().GetSection(RolloutOptions.SectionName);
        var shown = section.AsEnumerable(makePathsRelative: true)
            .Where(e => e.Value is not null)
            .Select(e => Steps(e.Key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        Assert.Equal(SingleReplicaKeys.Order(StringComparer.Ordinal), shown);
    }

    [Fact]
    public void Settings_RolloutValues_AreTheGatewaysDefaults()
    {
        // The ConfigMap says "every value below is the gateway's default": a changed default must change it too.
        var shipped = Rollout();
        var defaults = new RolloutOptions();

        Assert.Equal(defaults.Enabled, shipped.Enabled);
        Assert.Equal(defaults.AutoStart, shipped.AutoStart);
        Assert.Equal(RolloutOptions.DefaultSteps, shipped.Steps);
        Assert.Equal(defaults.Interval, shipped.Interval);
        Assert.Equal(defaults.ChecksPerStep, shipped.ChecksPerStep);
        Assert.Equal(defaults.MinRequests, shipped.MinRequests);
        Assert.Equal(defaults.FailureLimit, shipped.FailureLimit);
        Assert.Equal(defaults.Gates.MaxErrorRate, shipped.Gates.MaxErrorRate);
        Assert.Equal(defaults.Gates.MaxP99, shipped.Gates.MaxP99);
        Assert.Equal(defaults.Gates.MaxP99OverStable, shipped.Gates.MaxP99OverStable);
        Assert.Equal(defaults.Promotion, shipped.Promotion);
    }

    [Fact]
    public void Settings_RolloutKeys_EachFollowsACommentExplainingIt()
    {
        var uncommented = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(_gateway.SettingsJson), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow });
        var path = new Stack<string>();
        string? pending = null;
        var commented = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Comment:
                    commented = true;
                    break;
                case JsonTokenType.PropertyName:
                    pending = reader.GetString()!;
                    var key = string.Join(':', path.Reverse().Append(pending));
                    if (key.StartsWith("Gateway:Rollout:", StringComparison.Ordinal) && !commented)
                    {
                        uncommented.Add(key);
                    }

                    commented = false;
                    break;
                case JsonTokenType.StartObject:
                    if (pending is not null)
                    {
                        path.Push(pending);
                    }

                    pending = null;
                    break;
                case JsonTokenType.EndObject:
                    path.TryPop(out _);
                    break;
                default:
                    commented = false;
                    break;
            }
        }

        Assert.True(uncommented.Count == 0, $"no // comment right before {string.Join(", ", uncommented)}");
    }

    [Fact]
    public void GatewayJson_WithItsComments_PassesTheGatewaysStartupValidation()
    {
        Assert.Contains("//", _gateway.SettingsJson, StringComparison.Ordinal);
        using var pod = new GatewayPod(_gateway);

        Assert.Null(pod.Validate());
        // The comments hid nothing: the pod sees the file's rollout section.
        Assert.Equal("00:00:30", pod.Configuration["Gateway:Rollout:Interval"]);
        Assert.Equal("0", pod.Configuration["Gateway:Canary:Weight"]);
    }

    [Fact]
    public void GatewayJson_WithABadRolloutValueAmongTheComments_StopsTheGatewayNamingTheKey()
    {
        var json = ReplaceOnce(_gateway.SettingsJson, "\"Interval\": \"00:00:30\"", "\"Interval\": \"00:00:00.500\"");
        using var pod = new GatewayPod(_gateway, json);

        Assert.Equal("Gateway:Rollout:Interval must be at least 00:00:01, got '00:00:00.5000000'.", pod.Validate());
    }

    [Fact]
    public void GatewayJson_WithAMisspeltRolloutKeyAmongTheComments_StopsTheGatewayNamingTheKey()
    {
        var json = ReplaceOnce(_gateway.SettingsJson, "\"FailureLimit\":", "\"FailureLimt\":");
        using var pod = new GatewayPod(_gateway, json);

        Assert.Equal("Gateway:Rollout:FailureLimt is not a known setting (misspelt, or in the wrong section?).", pod.Validate());
    }

    /// <summary>Binds as the gateway does, but a key the options do not have (a typo) throws.</summary>
    private RolloutOptions Rollout() =>
        _gateway.LoadConfiguration().GetSection(RolloutOptions.SectionName).Get<RolloutOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new();

    /// <summary>List entries (<c>Steps:0</c>) count as their list.</summary>
    private static string Steps(string key) => key.StartsWith("Steps:", StringComparison.Ordinal) ? "Steps" : key;

    private static string ReplaceOnce(string text, string value, string replacement)
    {
        var at = text.IndexOf(value, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(value, at + 1, StringComparison.Ordinal) < 0, $"'{value}' is not in the settings exactly once");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + value.Length));
    }
}
