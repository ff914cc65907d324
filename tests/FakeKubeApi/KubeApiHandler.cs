using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeKubeApi;

/// <summary>
/// The fake API server's only request handler: validates a request in kube-apiserver's order (authentication, path,
/// method, parameters), records it in the log with the status it gets, then serves a get, list or watch (after an
/// injected delay, if any).
/// </summary>
internal sealed class KubeApiHandler(ResourceStore store, KubeApiRequestLog log, FaultInjector faults, RequestDelayer delays, FakeKubeApiOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = KubeApiRoute.Parse(request.Path);
        var query = KubeApiQuery.Parse(request.Query, out var queryError);
        var verb = !route.Known || !HttpMethods.IsGet(request.Method) ? KubeApiVerb.Other
            : route.Name is not null ? KubeApiVerb.Get
            : query.Watch ? KubeApiVerb.Watch
            : KubeApiVerb.List;

        var labels = LabelSelector.Everything;
        var fields = FieldSelector.Everything;
        (long, string)? start = null;
        long? from = null;
        var found = verb == KubeApiVerb.Get ? store.Get(route.Namespace!, route.Name!) : null;
        var failure = faults.TryTake(verb) is { } injected ? (injected, "injected failure (FakeKubeApiServer.FailNextRequests)")
            : options.Token is { } token && request.Headers.Authorization != "Bearer " + token ? (401, "Unauthorized")
            : !route.Known ? (404, "the server could not find the requested resource")
            : verb == KubeApiVerb.Other ? (405, "the server does not allow this method on the requested resource")
            : queryError is not null ? (400, queryError)
            : !LabelSelector.TryParse(query.LabelSelector, out labels, out var labelError) ? (400, labelError!)
            : !FieldSelector.TryParse(query.FieldSelector, out fields, out var fieldError) ? (400, fieldError!)
            : verb == KubeApiVerb.Watch && !TryParseWatchRevision(query.ResourceVersion, out from) ? (400, $"invalid resource version \"{query.ResourceVersion}\"")
            : verb == KubeApiVerb.List && !ListResponder.TryDecodeContinue(query.Continue, out start) ? (400, "continue key is not valid")
            : verb == KubeApiVerb.Get && found is null ? (404, $"{KubeJson.Resource}.{KubeJson.Group} \"{route.Name}\" not found")
            : ((int Code, string Message)?)null;

        // The delay's timer starts before the request is logged, so a test that waits for the request in the log and
        // then advances a fake clock (FakeKubeApiOptions.TimeProvider) cannot advance it too early.
        // An outage or disposal stops the host, which should not wait out a held-back answer.
        var delay = delays.TryTake(verb, query.LabelSelector);
        using var holding = delay is null ? null
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var delayed = delay is { } wait ? Task.Delay(wait, options.TimeProvider, holding!.Token) : Task.CompletedTask;

        log.Add(sequence => new KubeApiRequest
        {
            Sequence = sequence,
            Method = request.Method,
            Path = request.Path.Value ?? "",
            QueryString = request.QueryString.Value ?? "",
            Verb = verb,
            Namespace = route.Namespace,
            Name = route.Name,
            ResourceVersion = query.ResourceVersion,
            ResourceVersionMatch = query.ResourceVersionMatch,
            LabelSelector = query.LabelSelector,
            FieldSelector = query.FieldSelector,
            AllowWatchBookmarks = query.AllowWatchBookmarks,
            TimeoutSeconds = query.TimeoutSeconds,
            Limit = query.Limit,
            Continue = query.Continue,
            Authorization = request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
            StatusCode = failure?.Code ?? StatusCodes.Status200OK,
        });

        try
        {
            await delayed;
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the server is stopping, while the answer was held back: drop the connection.
            context.Abort();
            return;
        }

        // The answer reflects the state when it is written, after the delay, as a slow kube-apiserver's would.
        var filter = new ObjectFilter(route.Namespace, labels, fields);
        switch (failure, verb)
        {
            case ({ } fail, _):
                await WriteStatusAsync(context.Response, fail.Code, fail.Message, route);
                break;
            case (_, KubeApiVerb.Get):
                await WriteJsonAsync(context.Response, found!.Json);
                break;
            case (_, KubeApiVerb.List):
                await ListResponder.WriteAsync(context.Response, store, filter, query.Limit, start);
                break;
            default:
                await WatchResponder.ServeAsync(context, store, filter, query, from, options.TimeProvider);
                break;
        }
    }

    /// <summary>Unset, empty and "0" mean "start from the current state"; anything else must be a revision.</summary>
    private static bool TryParseWatchRevision(string? text, out long? revision)
    {
        revision = null;
        if (string.IsNullOrEmpty(text) || text == "0")
        {
            return true;
        }

        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        revision = value;
        return ok;
    }

    private static async Task WriteStatusAsync(HttpResponse response, int code, string message, KubeApiRoute route)
    {
        var details = code == 404 && route.Name is not null
            ? new JsonObject { ["name"] = route.Name, ["group"] = KubeJson.Group, ["kind"] = KubeJson.Resource }
            : null;
        if (code == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = "1";
        }

        response.StatusCode = code;
        await WriteJsonAsync(response, KubeJson.Status(code, KubeJson.ReasonFor(code), message, details));
    }

    private static async Task WriteJsonAsync(HttpResponse response, string json)
    {
        response.ContentType = "application/json";
        await response.WriteAsync(json);
    }
}
