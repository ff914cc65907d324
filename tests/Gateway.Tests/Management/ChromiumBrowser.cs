namespace Gateway.Tests.Management;

/// <summary>Finds Debian's Chromium (never a browser downloaded by Playwright: this machine has no such download).</summary>
internal static class ChromiumBrowser
{
    /// <summary>What a developer reads when the browser test is skipped or, under CI, fails.</summary>
    public const string MissingMessage =
        "Chromium not found (looked for /usr/bin/chromium and 'chromium' on PATH); install it with 'apt-get install chromium' to run the browser test.";

    /// <summary>Flags that keep headless Chromium off the network and quiet on a closed machine.</summary>
    public static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>The browser's path, or null when it is not installed.</summary>
    public static string? ExecutablePath { get; } = Find();

    /// <summary>Whether this run is CI's (<c>CI=true</c>), where a missing browser is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The browser's path; fails the test (under CI) with <see cref="MissingMessage"/> when there is none.</summary>
    public static string RequirePath() => ExecutablePath ?? throw new InvalidOperationException(MissingMessage);

    private static string? Find()
    {
        const string debian = "/usr/bin/chromium";
        if (File.Exists(debian))
        {
            return debian;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
