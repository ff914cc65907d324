namespace LoadTests.Growth;

/// <summary>
/// How many sockets a process holds open (its file descriptors that are sockets): with many endpoints the gateway keeps
/// a connection pool per pod address, which is where its memory would grow, so the count explains the RSS figures.
/// </summary>
internal static class OpenSockets
{
    /// <summary>Sockets of process <paramref name="pid"/>, or null when /proc cannot tell.</summary>
    public static int? Count(int pid)
    {
        try
        {
            var count = 0;
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (IsSocket(new FileInfo(fd).LinkTarget))
                {
                    count++;
                }
            }

            return count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether a descriptor's link target (<c>socket:[12345]</c>, <c>/dev/null</c>, …) is a socket.</summary>
    public static bool IsSocket(string? linkTarget) => linkTarget is not null && linkTarget.StartsWith("socket:", StringComparison.Ordinal);
}
