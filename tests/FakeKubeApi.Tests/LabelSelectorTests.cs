namespace FakeKubeApi.Tests;

public class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["kubernetes.io/service-name"] = "kubeapp-production-service",
        ["env"] = "production",
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("kubernetes.io/service-name=kubeapp-production-service", true)]
    [InlineData("kubernetes.io/service-name==kubeapp-production-service", true)]
    [InlineData("kubernetes.io/service-name=kubeapp-canary-service", false)]
    [InlineData("kubernetes.io/service-name!=kubeapp-canary-service", true)]
    [InlineData("missing!=x", true)]
    [InlineData("env", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!env", false)]
    [InlineData("env in (staging, production)", true)]
    [InlineData("env notin (staging,production)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData(" env = production , kubernetes.io/service-name ", true)]
    [InlineData("env=production,missing", false)]
    [InlineData("env=", false)]
    public void Matches_Selector_FollowsKubernetesSemantics(string selector, bool expected)
    {
        Assert.True(LabelSelector.TryParse(selector, out var parsed, out var error), error);

        Assert.Equal(expected, parsed.Matches(Labels));
    }

    [Theory]
    [InlineData("env in (a")]
    [InlineData("=x")]
    [InlineData("env=a=b")]
    [InlineData("env gt 1")]
    [InlineData("a,,b")]
    public void TryParse_Malformed_Fails(string selector)
    {
        Assert.False(LabelSelector.TryParse(selector, out _, out var error));
        Assert.NotNull(error);
    }
}
