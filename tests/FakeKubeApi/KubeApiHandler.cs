using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FakeKubeApi;

/// <summary>
/// The fake API server's only request handler: checks a request in kube-apiserver's order (authentication,
/// authorization, path, method, parameters), performs a write at once, records the request in the log with the status
/// it gets, then answers (after an injected delay, if any) with the object, list, watch stream or Status.
/// </summary>
internal sealed class KubeApiHandler(ResourceStore store, ObjectWriter writer, KubeApiRequestLog log, FaultInjector faults, RequestDelayer delays, AccessControl access, FakeKubeApiOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = KubeApiRoute.Parse(request.Path);
        var query = KubeApiQuery.Parse(request.Query, out var queryError);
        var verb = VerbOf(request.Method, route, query);
        var body = route.Known && !HttpMethods.IsGet(request.Method) ? await ReadBodyAsync(request, context.RequestAborted) : null;
        var logged = Describe(request, route, query, verb, body);

        var labels = LabelSelector.Everything;
        var fields = FieldSelector.Everything;
        (long, string)? start = null;
        long? from = null;
        var found = verb == KubeApiVerb.Get ? store.Get(route.Resource!, route.Namespace!, route.Name!) : null;
        var failure = faults.TryTake(verb, route) is { } injected ? Injected(injected, route)
            : options.Token is { } token && request.Headers.Authorization != "Bearer " + token ? KubeApiStatus.Of(401, "Unauthorized")
            : logged.Access is { } needed && access.Denies(verb, needed) ? KubeApiStatus.Forbidden(route.Resource!, needed.Name, needed.Verb, options.UserName, route.Namespace)
            : !route.Known ? KubeApiStatus.Of(404, "the server could not find the requested resource")
            : verb == KubeApiVerb.Other ? KubeApiStatus.Of(405, "the server does not allow this method on the requested resource")
            : queryError is not null ? KubeApiStatus.BadRequest(queryError)
            : !LabelSelector.TryParse(query.LabelSelector, out labels, out var labelError) ? KubeApiStatus.BadRequest(labelError!)
            : !FieldSelector.TryParse(query.FieldSelector, out fields, out var fieldError) ? KubeApiStatus.BadRequest(fieldError!)
            : verb == KubeApiVerb.Watch && !TryParseWatchRevision(query.ResourceVersion, out from) ? KubeApiStatus.BadRequest($"invalid resource version \"{query.ResourceVersion}\"")
            : verb == KubeApiVerb.List && !ListResponder.TryDecodeContinue(query.Continue, out start) ? KubeApiStatus.BadRequest("continue key is not valid")
            : verb == KubeApiVerb.Get && found is null ? KubeApiStatus.NotFound(route.Resource!, route.Name!)
            : null;

        // The delay's timer starts before the request is logged, so a test that waits for the request in the log and
        // then advances a fake clock (FakeKubeApiOptions.TimeProvider) cannot advance it too early.
        // An outage or disposal stops the host, which should not wait out a held-back answer.
        var delay = delays.TryTake(verb, route, query.LabelSelector);
        using var holding = delay is null ? null
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var delayed = delay is { } wait ? Task.Delay(wait, options.TimeProvider, holding!.Token) : Task.CompletedTask;

        // A write commits before it is logged (so a test that saw it in the log sees its effect in the store) and
        // before any delay, which holds back only the answer: a slow kube-apiserver commits, then answers late.
        (int Code, string Json)? written = null;
        if (failure is null && verb is KubeApiVerb.Create or KubeApiVerb.Update or KubeApiVerb.Patch or KubeApiVerb.Delete)
        {
            try
            {
                written = Write(verb, route, request.ContentType, body);
            }
            catch (KubeApiException e)
            {
                failure = e.Status;
            }
        }

        log.Add(sequence => logged with { Sequence = sequence, StatusCode = failure?.Code ?? written?.Code ?? StatusCodes.Status200OK });

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

        // A read's answer reflects the state when it is written, after the delay, as a slow kube-apiserver's would.
        var response = context.Response;
        switch (failure, verb)
        {
            case ({ } fail, _):
                if (fail.Code == StatusCodes.Status429TooManyRequests)
                {
                    response.Headers.RetryAfter = "1";
                }

                await WriteJsonAsync(response, fail.Code, fail.ToJson());
                break;
            case (_, KubeApiVerb.Get):
                await WriteJsonAsync(response, StatusCodes.Status200OK, found!.Json);
                break;
            case (_, KubeApiVerb.List):
                await ListResponder.WriteAsync(response, store, new ObjectFilter(route.Resource!, route.Namespace, labels, fields), query.Limit, start);
                break;
            case (_, KubeApiVerb.Watch):
                await WatchResponder.ServeAsync(context, store, new ObjectFilter(route.Resource!, route.Namespace, labels, fields), query, from, options.TimeProvider);
                break;
            default:
                await WriteJsonAsync(response, written!.Value.Code, written.Value.Json);
                break;
        }
    }

    private static KubeApiVerb VerbOf(string method, KubeApiRoute route, KubeApiQuery query) => route switch
    {
        { Known: false } => KubeApiVerb.Other,
        _ when HttpMethods.IsGet(method) => route.Name is not null ? KubeApiVerb.Get : query.Watch ? KubeApiVerb.Watch : KubeApiVerb.List,
        { Name: null, Namespace: not null } when HttpMethods.IsPost(method) => KubeApiVerb.Create,
        { Name: not null } when HttpMethods.IsPut(method) => KubeApiVerb.Update,
        { Name: not null } when HttpMethods.IsPatch(method) => KubeApiVerb.Patch,
        { Name: not null } when HttpMethods.IsDelete(method) => KubeApiVerb.Delete,
        _ => KubeApiVerb.Other,
    };

    private (int Code, string Json) Write(KubeApiVerb verb, KubeApiRoute route, string? contentType, string? body) => verb switch
    {
        KubeApiVerb.Create => writer.Create(route.Resource!, route.Namespace!, body),
        KubeApiVerb.Update => writer.Update(route.Resource!, route.Namespace!, route.Name!, body),
        KubeApiVerb.Patch => writer.Patch(route.Resource!, route.Namespace!, route.Name!, contentType, body),
        _ => writer.Delete(route.Resource!, route.Namespace!, route.Name!, body),
    };

    /// <summary>An injected failure, with the details kube-apiserver gives errors about one object.</summary>
    private static KubeApiStatus Injected(int code, KubeApiRoute route) => KubeApiStatus.Of(
        code,
        "injected failure (FakeKubeApiServer.FailNextRequests)",
        code is 403 or 404 or 409 && route is { Resource: { } resource, Name: { } name } ? KubeApiStatus.DetailsOf(resource, name) : null);

    /// <summary>The log entry, before its sequence number and status are known.</summary>
    private static KubeApiRequest Describe(HttpRequest request, KubeApiRoute route, KubeApiQuery query, KubeApiVerb verb, string? body) => new()
    {
        Sequence = 0,
        Method = request.Method,
        Path = request.Path.Value ?? "",
        QueryString = request.QueryString.Value ?? "",
        Verb = verb,
        Group = route.Resource?.Group,
        Resource = route.Resource?.Plural,
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
        ContentType = body is null ? null : request.ContentType,
        Body = body,
        Authorization = request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
        StatusCode = 0,
    };

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

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task WriteJsonAsync(HttpResponse response, int code, string json)
    {
        response.StatusCode = code;
        response.ContentType = "application/json";
        await response.WriteAsync(json);
    }
}
