using System.Globalization;
using System.Text.Json.Nodes;
using k8s;

namespace FakeKubeApi;

/// <summary>
/// The fake etcd plus watch cache: objects by namespace/name, one global revision bumped by every write, the history
/// of changes since the compaction point, and the open watches. One lock orders writes, replays and registrations,
/// so a watch never misses or reorders an event.
/// </summary>
internal sealed class ResourceStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly List<StoreEvent> _history = [];
    private readonly List<WatchSession> _watches = [];
    private readonly List<(int AtLeast, TaskCompletionSource Done)> _watchWaiters = [];
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

    /// <summary>Creates or replaces the object; <paramref name="json"/> needs metadata.name and metadata.namespace.</summary>
    public StoredObject Put(JsonObject json)
    {
        var metadata = (JsonObject)json["metadata"]!;
        var key = (string)metadata["namespace"]! + "/" + (string)metadata["name"]!;
        lock (_lock)
        {
            _objects.TryGetValue(key, out var previous);
            var revision = ++_revision;
            metadata["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
            metadata["uid"] = previous?.Uid ?? (string?)metadata["uid"] ?? Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = previous?.CreationTimestamp ?? (string?)metadata["creationTimestamp"]
                ?? time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var stored = StoredObject.From(KubeJson.InApiServerOrder(json), revision);
            _objects[key] = stored;
            Commit(new StoreEvent(revision, previous is null ? WatchEventType.Added : WatchEventType.Modified, stored, previous));
            return stored;
        }
    }

    public StoredObject? Delete(string @namespace, string name)
    {
        lock (_lock)
        {
            if (!_objects.Remove(@namespace + "/" + name, out var last))
            {
                return null;
            }

            var deleted = last.WithRevision(++_revision);
            Commit(new StoreEvent(_revision, WatchEventType.Deleted, deleted, null));
            return deleted;
        }
    }

    public StoredObject? Get(string @namespace, string name)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(@namespace + "/" + name);
        }
    }

    /// <summary>The matching objects in key order, and the revision they are consistent with.</summary>
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

    private void Commit(StoreEvent change)
    {
        _history.Add(change);
        foreach (var watch in _watches)
        {
            watch.Offer(change);
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
