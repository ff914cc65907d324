using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using k8s;
using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>
/// One open watch stream. The store offers it events under its lock (so replay and live events keep revision order);
/// the request's own task writes them out, one JSON line per event, flushing each batch at once.
/// </summary>
internal sealed class WatchSession(HttpContext context, ObjectFilter filter, bool allowBookmarks)
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private bool _finished;

    public bool AllowBookmarks => allowBookmarks;

    /// <summary>Queues a committed change, translated the way kube-apiserver's watch cache does for a filtered watch.</summary>
    public void Offer(StoreEvent change)
    {
        var now = filter.Matches(change.Object);
        var before = change.Previous is not null && filter.Matches(change.Previous);
        switch (change.Type)
        {
            case WatchEventType.Modified when now && before:
                Queue(WatchEventType.Modified, change.Object.Json);
                break;
            case WatchEventType.Added or WatchEventType.Modified when now:
                Queue(WatchEventType.Added, change.Object.Json);
                break;
            case WatchEventType.Modified when before:
                // The object left the selector: DELETED carrying its previous content at the new revision.
                Queue(WatchEventType.Deleted, change.Previous!.WithRevision(change.Revision).Json);
                break;
            case WatchEventType.Deleted when now:
                Queue(WatchEventType.Deleted, change.Object.Json);
                break;
        }
    }

    /// <summary>Queues the synthetic ADDED a watch without resourceVersion gets for each existing object.</summary>
    public void OfferInitial(StoredObject obj)
    {
        if (filter.Matches(obj))
        {
            Queue(WatchEventType.Added, obj.Json);
        }
    }

    public void OfferBookmark(long revision) => Queue(WatchEventType.Bookmark, filter.Resource.Bookmark(revision));

    public void OfferError(string statusJson) => Queue(WatchEventType.Error, statusJson);

    /// <summary>Ends the stream cleanly after what is queued (the terminating chunk is sent), as on timeoutSeconds.</summary>
    public void End() => _lines.Writer.TryComplete();

    /// <summary>Drops the connection mid-stream, without the terminating chunk.</summary>
    public void Cut()
    {
        // Under the lock: once the request finished, Kestrel may reuse the HttpContext for another request.
        lock (_lock)
        {
            if (!_finished)
            {
                context.Abort();
            }
        }
    }

    /// <summary>Writes queued lines until <see cref="End"/> or the connection goes away.</summary>
    public async Task PumpAsync(PipeWriter body, CancellationToken cancellationToken)
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var line))
            {
                Encoding.UTF8.GetBytes(line, body);
            }

            await body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Called by the request before it returns; later <see cref="Cut"/> calls do nothing.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _finished = true;
        }

        _lines.Writer.TryComplete();
    }

    private void Queue(WatchEventType type, string objectJson) => _lines.Writer.TryWrite(KubeJson.WatchLine(type, objectJson));
}
