namespace Gateway.Tests.Infrastructure;

/// <summary>Reads what the sample app and the gateway answered.</summary>
public static class Responses
{
    /// <summary>The version in a KubeApp body ("Congratulations! Version 2.0 of ...").</summary>
    public static string VersionOf(string body)
    {
        const string marker = "Version ";
        var start = body.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"Not a KubeApp body: '{body}'");
        start += marker.Length;
        return body[start..body.IndexOf(' ', start)];
    }

    /// <summary>The single X-Canary-Track value.</summary>
    public static string? TrackOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Canary-Track", out var values) ? Assert.Single(values) : null;

    /// <summary>The canary-bucket Set-Cookie, if any.</summary>
    public static string? StickyCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.SingleOrDefault(v => v.StartsWith("canary-bucket=", StringComparison.Ordinal)) : null;
}
