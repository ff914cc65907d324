using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>Captures log messages so tests can assert what an operator would read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();
    private readonly SemaphoreSlim _logged = new(0);

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>Waits until a message matching <paramref name="match"/> was logged (or was already).</summary>
    public async Task<(string Category, LogLevel Level, string Message)> WaitForAsync(Func<(string Category, LogLevel Level, string Message), bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var entry in _entries)
            {
                if (match(entry))
                {
                    return entry;
                }
            }

            try
            {
                await _logged.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching log message within {timeout}; logged: {string.Join(" | ", _entries.Select(e => e.Message))}");
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            capture._entries.Enqueue((category, logLevel, formatter(state, exception)));
            capture._logged.Release();
        }
    }
}
