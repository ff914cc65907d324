using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>The list/watch query parameters, parsed as kube-apiserver does (booleans per Go's strconv.ParseBool).</summary>
internal sealed record KubeApiQuery
{
    public bool Watch { get; private init; }

    public string? ResourceVersion { get; private init; }

    public string? ResourceVersionMatch { get; private init; }

    public string? LabelSelector { get; private init; }

    public string? FieldSelector { get; private init; }

    public bool AllowWatchBookmarks { get; private init; }

    public int? TimeoutSeconds { get; private init; }

    public long? Limit { get; private init; }

    public string? Continue { get; private init; }

    /// <summary>Parses <paramref name="query"/>; <paramref name="error"/> names the first malformed parameter.</summary>
    public static KubeApiQuery Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var parsed = new KubeApiQuery
        {
            Watch = Bool(query, "watch", ref error),
            ResourceVersion = Text(query, "resourceVersion"),
            ResourceVersionMatch = Text(query, "resourceVersionMatch"),
            LabelSelector = Text(query, "labelSelector"),
            FieldSelector = Text(query, "fieldSelector"),
            AllowWatchBookmarks = Bool(query, "allowWatchBookmarks", ref error),
            TimeoutSeconds = (int?)Number(query, "timeoutSeconds", ref error),
            Limit = Number(query, "limit", ref error),
            Continue = Text(query, "continue"),
        };
        return parsed;
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static bool Bool(IQueryCollection query, string name, ref string? error)
    {
        var text = Text(query, name);
        switch (text)
        {
            case null or "":
                return false;
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                return false;
            default:
                error ??= $"invalid value for {name}: \"{text}\"";
                return false;
        }
    }

    private static long? Number(IQueryCollection query, string name, ref string? error)
    {
        var text = Text(query, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value is >= int.MinValue and <= int.MaxValue)
        {
            return value;
        }

        error ??= $"invalid value for {name}: \"{text}\"";
        return null;
    }
}
