namespace FakeKubeApi;

/// <summary>Settings of a <see cref="FakeKubeApiServer"/>.</summary>
public sealed class FakeKubeApiOptions
{
    /// <summary>The bearer token the server demands, as kube-apiserver does; <c>null</c> accepts any request.
    /// Default <c>fake-token</c>, the token <see cref="FakeKubeApiServer.WriteKubeconfig"/> writes.</summary>
    public string? Token { get; init; } = "fake-token";

    /// <summary>
    /// The user named in 403 Forbidden messages (see <see cref="FakeKubeApiServer.Forbid"/>). Default
    /// <c>system:serviceaccount:production:canary-gateway</c>, the gateway's ServiceAccount in the manifests.
    /// </summary>
    public string UserName { get; init; } = "system:serviceaccount:production:canary-gateway";

    /// <summary>TCP port on 127.0.0.1. Default 0: a free port chosen by the OS (kept across outages).</summary>
    public int Port { get; init; }

    /// <summary>
    /// When set, every open watch that asked for bookmarks gets a BOOKMARK at this interval, as kube-apiserver does
    /// roughly once a minute. Default <c>null</c>: bookmarks only on <see cref="FakeKubeApiServer.SendBookmark"/>.
    /// </summary>
    public TimeSpan? BookmarkInterval { get; init; }

    /// <summary>Clock for <c>creationTimestamp</c>, <c>timeoutSeconds</c> and <see cref="BookmarkInterval"/>. Default system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
