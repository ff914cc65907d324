using System.Threading.Channels;

namespace KubeApp.Tests.Faults;

/// <summary>
/// A clock whose timers fire only when a test says so, and which hands each timer to the test as it is created: a
/// delay can be observed (its length, and that the request waits for it) without measuring wall-clock time.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Channel<ManualTimer> _created = Channel.CreateUnbounded<ManualTimer>();

    /// <summary>Timers created so far and not yet taken with <see cref="NextTimerAsync"/>.</summary>
    public int Pending => _created.Reader.Count;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, dueTime);
        _created.Writer.TryWrite(timer);
        return timer;
    }

    /// <summary>The next timer created; fails after <paramref name="timeout"/> if none is.</summary>
    public async Task<ManualTimer> NextTimerAsync(TimeSpan timeout) =>
        await _created.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>A timer that fires once, on <see cref="Fire"/>.</summary>
    internal sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        /// <summary>The due time the timer was created with.</summary>
        public TimeSpan DueTime { get; } = dueTime;

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
