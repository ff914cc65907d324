using System.Text.RegularExpressions;
using TestSupport;

namespace LoadTests.Bench;

/// <summary>Starts the bench's nginx instances (plain and TLS) in the foreground, so stopping the master stops its workers.</summary>
internal static partial class BenchNginx
{
    /// <summary>Requests per keep-alive connection the bench gives the TLS nginx when its configuration sets none.</summary>
    public const int KeepaliveRequests = 1_000_000;

    /// <exception cref="InvalidOperationException">The configuration file is missing.</exception>
    public static ChildProcess Start(string name, string nginxPath, string config, string workDirectory, string hint)
    {
        if (!File.Exists(config))
        {
            throw new InvalidOperationException($"nginx configuration not found: {config} ({hint})");
        }

        Directory.CreateDirectory(workDirectory);
        return BenchProcess.Start(
            name,
            nginxPath,
            ["-c", Path.GetFullPath(config), "-e", Path.Combine(workDirectory, "error.log"), "-g", "daemon off;"],
            workDirectory);
    }

    /// <summary>
    /// Writes the TLS configuration the bench runs into <paramref name="workDirectory"/>: the shared one, with
    /// <see cref="KeepaliveRequests"/> added when it sets no <c>keepalive_requests</c>; returns its path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration file is missing.</exception>
    public static string PrepareTlsConfig(string sharedConfig, string workDirectory)
    {
        if (!File.Exists(sharedConfig))
        {
            throw new InvalidOperationException($"nginx TLS configuration not found: {sharedConfig} (pass --nginx-tls-conf, or --skip-nginx)");
        }

        Directory.CreateDirectory(workDirectory);
        var path = Path.Combine(workDirectory, "nginx-bench.conf");
        File.WriteAllText(path, WithKeepaliveRequests(File.ReadAllText(sharedConfig)));
        return path;
    }

    /// <summary>
    /// nginx closes a keep-alive connection after <c>keepalive_requests</c> (default 1000) requests, HTTP/2 ones with a
    /// GOAWAY; h2load does not reconnect after it, so each client would stop after 1000 requests, and wrk would pay a
    /// TLS handshake per 1000 that the gateway (Kestrel sets no such limit) does not. A configuration that sets the
    /// directive itself is left as it is.
    /// </summary>
    public static string WithKeepaliveRequests(string config)
    {
        if (KeepaliveDirective().IsMatch(config))
        {
            return config;
        }

        var http = HttpBlock().Match(config);
        return http.Success
            ? config.Insert(http.Index + http.Length, $"\n  keepalive_requests {KeepaliveRequests}; # added by canary-load bench: h2load does not reconnect after nginx's GOAWAY")
            : config;
    }

    [GeneratedRegex(@"(?:^|[;{])[ \t]*keepalive_requests\s", RegexOptions.Multiline)]
    private static partial Regex KeepaliveDirective();

    [GeneratedRegex(@"^\s*http\s*\{", RegexOptions.Multiline)]
    private static partial Regex HttpBlock();
}
