using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace TestSupport;

/// <summary>
/// A real OS process started by a test or by the bench, with its output captured, a way to send it SIGTERM, and a stop
/// that escalates to killing it with its children. Every live one is also in <see cref="ChildProcessRegistry"/>, so even
/// an exit that skips the normal cleanup kills it.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    private readonly Process _process;
    private readonly int? _keptLines;
    private readonly TimeSpan _disposeGrace;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private ChildProcess(string name, Process process, int? keptLines, TimeSpan disposeGrace)
    {
        Name = name;
        _process = process;
        _keptLines = keptLines;
        _disposeGrace = disposeGrace;
    }

    /// <summary>The name given to <see cref="Start"/> (default: the file name), for messages.</summary>
    public string Name { get; }

    /// <summary>
    /// Everything the process printed so far (stdout and stderr interleaved, a newline after each line), or only the last
    /// lines when <see cref="Start"/> was given <c>keptLines</c>.
    /// </summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                var output = new StringBuilder();
                foreach (var line in _lines)
                {
                    output.AppendLine(line);
                }

                return output.ToString();
            }
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _exited.Task;

    /// <summary>The exit code; only valid once <see cref="Exited"/> completed.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="workingDirectory">Default: this process's current directory.</param>
    /// <param name="environment">Variables to set; a null value removes the variable this process would pass on.</param>
    /// <param name="name">A name for messages; default: <paramref name="fileName"/>.</param>
    /// <param name="keptLines">Keep only this many last lines of output (for long-running processes); default: all.</param>
    /// <param name="disposeGrace">
    /// How long disposing waits after SIGTERM before killing the process and its children; default: no SIGTERM, killed at once.
    /// </param>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IDictionary<string, string?>? environment = null,
        string? name = null,
        int? keptLines = null,
        TimeSpan disposeGrace = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            // ProcessStartInfo would pass a null value on as an empty variable, not leave it out.
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name ?? fileName, process, keptLines, disposeGrace);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        ChildProcessRegistry.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        await using var child = Start(fileName, arguments, workingDirectory, environment);
        await child.WaitForExitAsync(timeout);
        return (child.ExitCode, child.Output);
    }

    /// <summary>
    /// Completes when the process prints a line containing <paramref name="text"/> (e.g. Kestrel's "Now listening on:"),
    /// and fails at once if the process exits first.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _waiters.Add((text, seen));
        }

        var first = await Task.WhenAny(seen.Task, _exited.Task).WaitAsync(timeout);
        if (first != seen.Task)
        {
            throw new InvalidOperationException($"Process exited before printing '{text}'. Output:\n{Output}");
        }
    }

    /// <summary>Waits for the process to exit by itself, failing after <paramref name="timeout"/>.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _exited.Task.WaitAsync(timeout, cancellationToken);
        // Exited fires before the redirected streams are drained; this drains them.
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as the kubelet does when a pod is deleted.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Kills the process without warning (SIGKILL).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>
    /// SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL of the process and its children; with no grace,
    /// SIGKILL at once.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!_process.HasExited)
            {
                if (grace > TimeSpan.Zero)
                {
                    _ = kill(_process.Id, Sigterm);
                    using var cts = new CancellationTokenSource(grace);
                    try
                    {
                        await _process.WaitForExitAsync(cts.Token);
                        return;
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            ChildProcessRegistry.Remove(_process);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_disposeGrace);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_keptLines is { } kept && _lines.Count > kept)
            {
                _lines.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_waiters[i].Text, StringComparison.Ordinal))
                {
                    _waiters[i].Seen.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
