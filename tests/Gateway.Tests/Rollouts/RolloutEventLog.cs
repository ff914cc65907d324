using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// Captures log messages with their event ids (<see cref="Infrastructure.LogCapture"/> keeps none), so tests can assert
/// the stable ids operators filter on, such as 300 for a rollout transition.
/// </summary>
public sealed class RolloutEventLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    /// <summary>The messages logged with <paramref name="eventId"/>, in order.</summary>
    public IReadOnlyList<string> Messages(int eventId) => [.. _entries.Where(e => e.EventId == eventId).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    /// <summary>One logged message.</summary>
    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message);

    private sealed class Logger(string category, RolloutEventLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
