namespace LoadTests.Bench;

/// <summary>Finds the checkout: the nearest folder holding Gateway.sln above the working directory or the tool.</summary>
internal static class RepoLocator
{
    public static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The shared folder's nginx configuration, which CI and developers have as <c>../shared</c> beside the checkout.</summary>
    public static string DefaultNginxConfig(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "bench", "nginx-canary.conf"));

    /// <summary>The shared folder's nginx TLS configuration (HTTP/1.1 and HTTP/2 on 127.0.0.1:18592).</summary>
    public static string DefaultNginxTlsConfig(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "bench", "nginx-canary-tls.conf"));
}
