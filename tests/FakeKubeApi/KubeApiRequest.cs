using System.Globalization;

namespace FakeKubeApi;

/// <summary>One request the fake API server received: what it asked for, its list/watch parameters, its body, the answer's status.</summary>
public sealed record KubeApiRequest
{
    /// <summary>Position in the request log, starting at 1; later requests have larger numbers.</summary>
    public required long Sequence { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Request path, e.g. <c>/apis/discovery.k8s.io/v1/namespaces/production/endpointslices</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Raw query string including the leading <c>?</c>, or empty.</summary>
    public required string QueryString { get; init; }

    /// <summary>Get, list, watch, create, update, patch, delete or other.</summary>
    public required KubeApiVerb Verb { get; init; }

    /// <summary>The API group in the path (empty for the core group, <c>/api/v1</c>); null for an unknown path.</summary>
    public string? Group { get; init; }

    /// <summary>The resource in the path, e.g. <c>endpointslices</c>, <c>configmaps</c>, <c>leases</c>; null for an unknown path.</summary>
    public string? Resource { get; init; }

    /// <summary>The namespace in the path; <c>null</c> for the all-namespaces route or an unknown path.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object name in the path (get, update, patch, delete).</summary>
    public string? Name { get; init; }

    /// <summary>The <c>resourceVersion</c> parameter as sent, <c>null</c> when absent.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The <c>resourceVersionMatch</c> parameter.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>The <c>labelSelector</c> parameter, decoded.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>The <c>fieldSelector</c> parameter, decoded.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Whether <c>allowWatchBookmarks</c> was true.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>The <c>timeoutSeconds</c> parameter.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The <c>limit</c> parameter.</summary>
    public long? Limit { get; init; }

    /// <summary>The <c>continue</c> parameter.</summary>
    public string? Continue { get; init; }

    /// <summary>The <c>Content-Type</c> header of a write, e.g. <c>application/merge-patch+json; charset=utf-8</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The request body of a write (create, update, patch, delete), as sent; null for reads.</summary>
    public string? Body { get; init; }

    /// <summary>The <c>Authorization</c> header, e.g. <c>Bearer fake-token</c>.</summary>
    public string? Authorization { get; init; }

    /// <summary>
    /// The HTTP status the server answered with. A watch from a compacted resourceVersion still answers 200 (the
    /// 410 travels inside the stream, see <see cref="FakeKubeApiServer.Compact"/>).
    /// </summary>
    public required int StatusCode { get; init; }

    /// <summary>What RBAC must allow for this request; null for verb <see cref="KubeApiVerb.Other"/>.</summary>
    public KubeApiAccess? Access => KubeApiAccess.VerbName(Verb) is { } verb && Resource is not null
        ? new KubeApiAccess(verb, Group ?? "", Resource, Name ?? (Verb is KubeApiVerb.List or KubeApiVerb.Watch ? FakeKubeApi.FieldSelector.NameOf(FieldSelector) : null))
        : null;

    /// <summary>True for a watch request.</summary>
    public bool IsWatch => Verb == KubeApiVerb.Watch;

    /// <summary>True for a list request.</summary>
    public bool IsList => Verb == KubeApiVerb.List;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"#{Sequence} {Verb} {Method} {Path}{QueryString} -> {StatusCode}");
}
