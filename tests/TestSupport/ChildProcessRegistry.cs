using System.Diagnostics;

namespace TestSupport;

/// <summary>
/// The last line of defence against leftovers: processes still registered when this process exits (an unhandled
/// exception, a second Ctrl+C, the termination timeout running out) are killed with their children.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Live = [];
    private static bool _hooked;

    public static void Add(Process process)
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                _hooked = true;
            }

            Live.Add(process);
        }
    }

    public static void Remove(Process process)
    {
        lock (Gate)
        {
            Live.Remove(process);
        }
    }

    public static void KillAll()
    {
        Process[] live;
        lock (Gate)
        {
            live = [.. Live];
            Live.Clear();
        }

        foreach (var process in live)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
