namespace FakeKubeApi.Tests;

/// <summary>Named happenings in the order they occurred, with waits for one to happen.</summary>
internal sealed class Timeline
{
    private readonly Lock _lock = new();
    private readonly List<string> _events = [];
    private readonly List<(string[] Names, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string name)
    {
        lock (_lock)
        {
            _events.Add(name);
            foreach (var waiter in _waiters.Where(w => w.Names.Contains(name)))
            {
                waiter.Seen.TrySetResult(name);
            }
        }
    }

    public Task WaitForAsync(string name) => WaitForAnyAsync(name);

    /// <summary>Completes with the first of <paramref name="names"/> to have happened (past or future).</summary>
    public async Task<string> WaitForAnyAsync(params string[] names)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_events.FirstOrDefault(names.Contains) is { } happened)
            {
                return happened;
            }

            _waiters.Add((names, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(Waits.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"None of [{string.Join(", ", names)}] within {Waits.Timeout}; happened: [{string.Join(", ", Events)}]");
        }
    }
}
