using Microsoft.AspNetCore.Http;

namespace FakeKubeApi;

/// <summary>
/// Serves one watch the way kube-apiserver does over HTTP/1.1: 200 with <c>application/json</c> and chunked encoding,
/// headers flushed at once, then one JSON event per line, each flushed as it happens. A resourceVersion older than the
/// compaction point still gets 200, then a single ERROR event carrying a 410 Expired Status, then a clean end.
/// </summary>
internal static class WatchResponder
{
    public static async Task ServeAsync(HttpContext context, ResourceStore store, ObjectFilter filter, KubeApiQuery query, long? from, TimeProvider time)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        var session = new WatchSession(context, filter, query.AllowWatchBookmarks);
        using var timeout = query.TimeoutSeconds is > 0 and var seconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time)
            : null;
        using var endOnTimeout = timeout?.Token.Register(session.End);
        var registered = false;
        try
        {
            await response.StartAsync(context.RequestAborted);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
            var tooOld = store.OpenWatch(session, from);
            registered = tooOld is null;
            if (tooOld is not null)
            {
                session.OfferError(KubeJson.Status(StatusCodes.Status410Gone, "Expired", tooOld));
                session.End();
            }

            await session.PumpAsync(response.BodyWriter, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the stream was cut on purpose.
        }
        finally
        {
            if (registered)
            {
                store.CloseWatch(session);
            }

            session.Finish();
        }
    }
}
