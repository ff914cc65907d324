using LoadTests.Rollouts;

namespace LoadTests.Tests.Rollouts;

public sealed class RolloutSettingsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:9090/")]
    [InlineData("https://foo.bar/version", "http://foo.bar:9090/")]
    [InlineData("http://[::1]:8080/", "http://[::1]:9090/")]
    public void DefaultManagement_TargetsHostOnPort9090OverHttp(string target, string expected)
    {
        Assert.Equal(new Uri(expected), RolloutSettings.DefaultManagement(new Uri(target)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9090", "http://127.0.0.1:9090/rollout")]
    [InlineData("http://127.0.0.1:9090/", "http://127.0.0.1:9090/rollout")]
    [InlineData("http://127.0.0.1:9090/rollout", "http://127.0.0.1:9090/rollout")]
    [InlineData("http://gw/mgmt/", "http://gw/mgmt/rollout")]
    public void RolloutUrlOf_AppendsRolloutOnce(string management, string expected)
    {
        Assert.Equal(new Uri(expected), RolloutSettings.RolloutUrlOf(new Uri(management)));
    }
}
