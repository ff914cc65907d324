namespace LoadTests.Http;

/// <summary>Reads the version a response names: the home page's "Congratulations! Version 2.0 of …", or /version's "2.0\n".</summary>
internal static class VersionReader
{
    private const string Marker = "Version ";

    private static readonly System.Buffers.SearchValues<char> NotInVersion = System.Buffers.SearchValues.Create(" \t\r\n<>{}\"");

    /// <summary>The version, or null when the body names none.</summary>
    public static string? Read(ReadOnlySpan<char> body)
    {
        var start = body.IndexOf(Marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            var rest = body[(start + Marker.Length)..];
            var end = rest.IndexOfAny(' ', '\n', '\r');
            var version = end < 0 ? rest : rest[..end];
            return version.IsEmpty ? null : version.ToString();
        }

        // /version: the version and one newline.
        var trimmed = body.Trim();
        if (trimmed.IsEmpty || trimmed.Length > 32 || trimmed.ContainsAny(NotInVersion) || !char.IsAsciiDigit(trimmed[0]))
        {
            return null;
        }

        return trimmed.ToString();
    }
}
