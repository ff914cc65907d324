namespace Gateway.Tests.Infrastructure;

/// <summary>What a test started (pods, gateways, load), disposed last first when the test ends, failed or not.</summary>
public sealed class OwnedResources : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _items = [];

    /// <summary>Takes ownership of <paramref name="item"/> and hands it back.</summary>
    public T Add<T>(T item)
        where T : IAsyncDisposable
    {
        _items.Add(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _items.Count - 1; i >= 0; i--)
        {
            await _items[i].DisposeAsync();
        }

        _items.Clear();
    }
}
