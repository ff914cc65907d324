using System.Globalization;

namespace LoadTests.Diagnostics;

/// <summary>
/// A process's resident memory from /proc/&lt;pid&gt;/status, in bytes: the working set (VmRSS) and its three parts —
/// anonymous memory (GC heap, native allocations, thread stacks), file-backed pages (the mapped runtime and framework
/// assemblies, shared with other processes on a host but charged to the container that first touched them), and
/// shared memory (the runtime's W^X double mapping of JIT-compiled code) — plus the peak (VmHWM).
/// </summary>
internal sealed record ProcessMemory(long RssBytes, long AnonBytes, long FileBytes, long ShmemBytes, long PeakBytes)
{
    /// <summary>The process's memory, or null when /proc has no such process.</summary>
    public static ProcessMemory? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the status text; null without a VmRSS line (a kernel thread, or not Linux's format).</summary>
    public static ProcessMemory? Parse(string status)
    {
        long? rss = null;
        long anon = 0, file = 0, shmem = 0, peak = 0;
        foreach (var line in status.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = Kilobytes(line[(colon + 1)..]) * 1024;
            switch (line[..colon])
            {
                case "VmRSS": rss = value; break;
                case "RssAnon": anon = value; break;
                case "RssFile": file = value; break;
                case "RssShmem": shmem = value; break;
                case "VmHWM": peak = value; break;
            }
        }

        return rss is { } total ? new ProcessMemory(total, anon, file, shmem, peak) : null;
    }

    // "   157400 kB": the kernel always reports these in kB (KiB).
    private static long Kilobytes(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith(" kB", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3].TrimEnd();
        }

        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
