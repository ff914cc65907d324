using System.Globalization;
using System.Text.Json.Nodes;
using k8s;

namespace FakeKubeApi;

/// <summary>
/// The fake etcd plus watch cache: objects of every served type by type/namespace/name, one global revision bumped by
/// every write (as etcd's is, whatever the type), the history of changes since the compaction point, and the open
/// watches. One lock orders writes, replays and registrations, so a watch never misses or reorders an event.
/// </summary>
internal sealed class ResourceStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly List<StoreEvent> _history = [];
    private readonly List<WatchSession> _watches = [];
    private readonly List<(int AtLeast, TaskCompletionSource Done)> _watchWaiters = [];
    private readonly List<(Func<StoredObject, bool> Match, TaskCompletionSource<StoredObject> Seen)> _objectWaiters = [];
    private long _revision = 1;
    private long _compacted = 1;

    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    public long CompactedRevision
    {
        get
        {
            lock (_lock)
            {
                return _compacted;
            }
        }
    }

    public int OpenWatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>
    /// The one way objects change: under the store's lock, <paramref name="decide"/> sees the current object (or null)
    /// and returns the next content (metadata.name and namespace those of the key), or null to delete, or throws to
    /// change nothing — so a precondition and the write it guards are atomic, as etcd's transaction makes them.
    /// Stamps resourceVersion and keeps uid and creationTimestamp. With <paramref name="skipNoOp"/>, content equal to
    /// the current object commits nothing and keeps its resourceVersion, as kube-apiserver does for a no-op update.
    /// Returns the object as stored, the deleted object at the deletion's revision, or null when nothing existed.
    /// </summary>
    public StoredObject? Write(KubeResource resource, string @namespace, string name, Func<StoredObject?, JsonObject?> decide, bool skipNoOp)
    {
        var key = StoredObject.KeyOf(resource, @namespace, name);
        lock (_lock)
        {
            _objects.TryGetValue(key, out var previous);
            var json = decide(previous);
            if (json is null)
            {
                return previous is null ? null : Remove(previous);
            }

            var metadata = (JsonObject)json["metadata"]!;
            metadata["uid"] = previous?.Uid ?? (string?)metadata["uid"] ?? Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = previous?.CreationTimestamp ?? (string?)metadata["creationTimestamp"]
                ?? time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            // Set before ordering, so it takes its place among metadata's fields; InApiServerOrder moves the nodes
            // into a new object, so only its result is used from here on.
            metadata["resourceVersion"] = "";
            var ordered = KubeJson.InApiServerOrder(json);
            if (skipNoOp && previous is not null)
            {
                ordered["metadata"]!["resourceVersion"] = previous.Revision.ToString(CultureInfo.InvariantCulture);
                if (StoredObject.From(resource, ordered, previous.Revision).Json == previous.Json)
                {
                    return previous;
                }
            }

            var revision = ++_revision;
            ordered["metadata"]!["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
            var stored = StoredObject.From(resource, ordered, revision);
            _objects[key] = stored;
            Commit(new StoreEvent(revision, previous is null ? WatchEventType.Added : WatchEventType.Modified, stored, previous));
            return stored;
        }
    }

    public StoredObject? Delete(KubeResource resource, string @namespace, string name) =>
        Write(resource, @namespace, name, _ => null, skipNoOp: false);

    public StoredObject? Get(KubeResource resource, string @namespace, string name)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(StoredObject.KeyOf(resource, @namespace, name));
        }
    }

    /// <summary>
    /// Completes with the first object state (existing, or written later) matching <paramref name="match"/>, which
    /// runs under the store's lock and must not wait; null after <paramref name="timeout"/>, so the caller can say what
    /// it waited for. A deletion is not an object state.
    /// </summary>
    public async Task<StoredObject?> WaitForObjectAsync(Func<StoredObject, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<StoredObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_objects.Values.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            _objectWaiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_lock)
            {
                _objectWaiters.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    public (long Revision, IReadOnlyList<StoredObject> Items) List(ObjectFilter filter)
    {
        lock (_lock)
        {
            return (_revision, [.. _objects.Values.Where(filter.Matches)]);
        }
    }

    /// <summary>
    /// Registers a watch and queues what it must see first: for <paramref name="fromRevision"/> null a synthetic ADDED
    /// per existing object, else every later change from the history. Returns the "too old" message instead when the
    /// history no longer reaches back to <paramref name="fromRevision"/>.
    /// </summary>
    public string? OpenWatch(WatchSession session, long? fromRevision)
    {
        lock (_lock)
        {
            if (fromRevision is null)
            {
                foreach (var obj in _objects.Values)
                {
                    session.OfferInitial(obj);
                }
            }
            else if (fromRevision < _compacted)
            {
                return string.Create(CultureInfo.InvariantCulture, $"too old resource version: {fromRevision} ({_compacted})");
            }
            else
            {
                foreach (var change in _history.Where(c => c.Revision > fromRevision))
                {
                    session.Offer(change);
                }
            }

            _watches.Add(session);
            SignalWatchWaiters();
            return null;
        }
    }

    public void CloseWatch(WatchSession session)
    {
        lock (_lock)
        {
            _watches.Remove(session);
        }
    }

    /// <summary>
    /// Unregisters every open watch and returns them, so the caller can end or cut them and
    /// <see cref="OpenWatchCount"/> drops at once rather than when each request has wound down.
    /// </summary>
    public IReadOnlyList<WatchSession> DetachWatches()
    {
        lock (_lock)
        {
            WatchSession[] detached = [.. _watches];
            _watches.Clear();
            return detached;
        }
    }

    /// <summary>Forgets the history: watches from any revision before the current one now get 410 Expired.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compacted = _revision;
            _history.Clear();
        }
    }

    /// <summary>Sends a BOOKMARK at the current revision to every open watch that allowed bookmarks.</summary>
    public long Bookmark()
    {
        lock (_lock)
        {
            foreach (var watch in _watches.Where(w => w.AllowBookmarks))
            {
                watch.OfferBookmark(_revision);
            }

            return _revision;
        }
    }

    public Task WaitForOpenWatchesAsync(int atLeast, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_watches.Count >= atLeast)
            {
                return Task.CompletedTask;
            }

            _watchWaiters.Add((atLeast, done));
        }

        return WaitAsync();

        async Task WaitAsync()
        {
            try
            {
                await done.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                lock (_lock)
                {
                    _watchWaiters.RemoveAll(w => w.Done == done);
                }

                throw new TimeoutException($"Expected at least {atLeast} open watch(es) within {timeout}; {OpenWatchCount} open.");
            }
        }
    }

    private StoredObject Remove(StoredObject last)
    {
        _objects.Remove(last.Key);
        var deleted = last.WithRevision(++_revision);
        Commit(new StoreEvent(_revision, WatchEventType.Deleted, deleted, null));
        return deleted;
    }

    private void Commit(StoreEvent change)
    {
        _history.Add(change);
        foreach (var watch in _watches)
        {
            watch.Offer(change);
        }

        for (var i = _objectWaiters.Count - 1; i >= 0 && change.Type != WatchEventType.Deleted; i--)
        {
            // A test's match runs inside a client's write: if it throws, the waiting test gets the exception, not the client.
            // RunContinuationsAsynchronously: completing under the lock never runs a waiter's code here.
            var (match, seen) = _objectWaiters[i];
            try
            {
                if (!match(change.Object))
                {
                    continue;
                }

                seen.TrySetResult(change.Object);
            }
            catch (Exception e)
            {
                seen.TrySetException(e);
            }

            _objectWaiters.RemoveAt(i);
        }
    }

    private void SignalWatchWaiters()
    {
        for (var i = _watchWaiters.Count - 1; i >= 0; i--)
        {
            if (_watches.Count >= _watchWaiters[i].AtLeast)
            {
                // RunContinuationsAsynchronously: completing under the lock never runs a waiter's code here.
                _watchWaiters[i].Done.TrySetResult();
                _watchWaiters.RemoveAt(i);
            }
        }
    }
}
