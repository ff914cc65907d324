namespace Manifests.Tests.Infrastructure;

/// <summary>
/// The subset of .dockerignore syntax this repository uses: <c>**/name/</c> (a directory of that name anywhere) and
/// <c>path/</c> or <c>path</c> (from the context root). Anything else fails to load rather than being misread.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<string> _anywhere = [];
    private readonly List<string> _fromRoot = [];

    private DockerIgnore()
    {
    }

    /// <summary>Loads <paramref name="path"/>; a missing file ignores nothing.</summary>
    public static DockerIgnore Load(string path)
    {
        var ignore = new DockerIgnore();
        if (!File.Exists(path))
        {
            return ignore;
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var pattern = line.TrimEnd('/');
            if (pattern.StartsWith("**/", StringComparison.Ordinal) && IsPlain(pattern[3..]) && !pattern[3..].Contains('/', StringComparison.Ordinal))
            {
                ignore._anywhere.Add(pattern[3..]);
            }
            else if (IsPlain(pattern))
            {
                ignore._fromRoot.Add(pattern.TrimStart('/'));
            }
            else
            {
                throw new NotSupportedException($".dockerignore pattern '{line}' is not supported by this check.");
            }
        }

        return ignore;
    }

    /// <summary>True when the context-relative path (with '/' separators) is excluded from the build context.</summary>
    public bool IsIgnored(string relativePath)
    {
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Any(s => _anywhere.Contains(s, StringComparer.Ordinal))
            || _fromRoot.Any(p => relativePath == p || relativePath.StartsWith(p + "/", StringComparison.Ordinal));
    }

    private static bool IsPlain(string pattern) => pattern.Length > 0 && pattern.IndexOfAny(['*', '?', '[', '!']) < 0;
}
