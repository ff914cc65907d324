using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace FakeKubeApi;

/// <summary>
/// An in-process stand-in for kube-apiserver on <c>http://127.0.0.1:&lt;port&gt;</c> with the real wire protocol, so
/// code can be driven through the real <c>KubernetesClient</c>. It serves <c>discovery.k8s.io/v1</c> EndpointSlices,
/// ConfigMaps, <c>coordination.k8s.io/v1</c> Leases, <c>apps/v1</c> Deployments and <c>events.k8s.io/v1</c> Events
/// from one store with one resourceVersion counter: get, list (label/field selectors, limit/continue), watch
/// (resourceVersion replay, synthetic ADDED for a watch without resourceVersion, bookmarks, timeoutSeconds, 410 Expired
/// after <see cref="Compact"/>), create (409 AlreadyExists), update with a resourceVersion precondition (409 Conflict),
/// patch (merge, strategic merge, JSON patch) and delete, with kube-apiserver's Status objects for errors — enough for
/// KubernetesClient's <c>LeaderElector</c> with a <c>LeaseLock</c>. Test helpers write objects directly
/// (<see cref="Upsert{T}"/>, <see cref="UpsertSlice"/>, <see cref="CompleteDeploymentRollout"/>); faults are injected with
/// <see cref="CutWatchStreams"/>, <see cref="EndWatchStreams"/>, <see cref="SetOutageAsync"/>,
/// <see cref="FailNextRequests"/>, <see cref="DelayNextRequests"/>, <see cref="Forbid"/> and <see cref="SetRbacRules"/>;
/// a request log (<see cref="Requests"/>) records what was asked, down to the RBAC verb, resource and name.
/// </summary>
/// <remarks>
/// <para>How KubernetesClient 21.0.8 reports what this server does (each point is pinned by a test in FakeKubeApi.Tests).
/// "Watcher" is the callback style (<c>WatchListNamespacedEndpointSlice(onEvent, onError, onClosed)</c>, or
/// <c>ListNamespacedEndpointSliceWithHttpMessagesAsync(watch: true).Watch(...)</c>); "enumeration" is
/// <c>WatchListNamespacedEndpointSliceAsync(onError: ...)</c>, whose onError only ever sees Status lines and undecodable
/// lines — transport errors are thrown from <c>MoveNextAsync</c>.</para>
/// <list type="bullet">
/// <item>The HTTP call of a watch completes only when the first event line arrives (the client peeks it), so an idle
/// watch is pending, not failed.</item>
/// <item>410 Expired (watch from a resourceVersion before <see cref="Compact"/>): HTTP 200, and the ERROR line is never
/// yielded as an event. onError gets a <see cref="KubernetesException"/> with <c>Status.Code == 410</c> and
/// <c>Status.Reason == "Expired"</c>, then the stream ends normally (Watcher: onClosed; enumeration: finishes).
/// Without an onError callback the 410 is dropped and is indistinguishable from a clean close.</item>
/// <item><see cref="CutWatchStreams"/> after at least one event: an <see cref="IOException"/> (as observed: "Unable to read
/// data from the transport connection: Connection reset by peer", inner <c>SocketException</c> ConnectionReset).
/// Watcher: onError then onClosed; enumeration: thrown.</item>
/// <item>A cut before the first event fails the pending HTTP call instead (usually <c>HttpRequestException</c> with an
/// inner <see cref="IOException"/>), reported the same way.</item>
/// <item><see cref="EndWatchStreams"/> or <c>timeoutSeconds</c> after at least one event: a clean end (Watcher: onClosed
/// only; enumeration: finishes). Before any event: <c>HttpRequestException</c> "Error while copying content to a stream"
/// with an inner <see cref="EndOfStreamException"/> (Watcher: onError then onClosed; enumeration: thrown) — so a quiet
/// watch that reaches its timeout looks like an error unless bookmarks keep it talking.</item>
/// <item><see cref="SetOutageAsync"/>: new requests throw <c>HttpRequestException</c> whose inner
/// <c>SocketException</c> is ConnectionRefused; non-2xx answers (<see cref="FailNextRequests"/>) throw
/// <c>k8s.Autorest.HttpOperationException</c> with <c>Response.StatusCode</c> and the Status JSON in <c>Response.Content</c>.</item>
/// <item>Writes fail the same way: 409 with reason <c>AlreadyExists</c> (create of a taken name) or <c>Conflict</c> (a
/// stale metadata.resourceVersion in an update or patch body, or in a delete's preconditions), 404 <c>NotFound</c>
/// (update, patch or delete of a missing object), 422 <c>Invalid</c> with one <c>details.causes</c> entry per field,
/// 403 <c>Forbidden</c>. <c>LeaseLock</c> swallows these (its <c>OnHttpError</c> event) and <c>LeaderElector</c>
/// retries after <c>RetryPeriod</c>. A delete returns a <c>V1Status</c> with status Success, not the object.</item>
/// </list>
/// <para>Not served, on purpose: subresources (<c>/status</c>, <c>/scale</c>: scale by patching spec.replicas),
/// deletecollection, server-side apply (415), managedFields, finalizers and graceful deletion, Namespace objects
/// (every namespace exists). Validation covers names, ConfigMap keys and size, and Event fields only.</para>
/// </remarks>
public sealed partial class FakeKubeApiServer : IAsyncDisposable
{
    private readonly FakeKubeApiOptions _options;
    private readonly ResourceStore _store;
    private readonly FaultInjector _faults = new();
    private readonly RequestDelayer _delays = new();
    private readonly AccessControl _access = new();
    private readonly KubeApiHandler _handler;
    private readonly SemaphoreSlim _hostGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private KubeApiHost? _host;
    private Task _bookmarks = Task.CompletedTask;

    private FakeKubeApiServer(FakeKubeApiOptions options)
    {
        _options = options;
        _store = new ResourceStore(options.TimeProvider);
        _handler = new KubeApiHandler(_store, new ObjectWriter(_store), Requests, _faults, _delays, _access, options);
    }

    /// <summary>Every request received so far, with waits for the next matching one.</summary>
    public KubeApiRequestLog Requests { get; } = new();

    /// <summary>The TCP port on 127.0.0.1; it stays the same across <see cref="SetOutageAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The server URL, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>The current global resourceVersion (etcd revision); every write increases it.</summary>
    public string ResourceVersion => Format(_store.Revision);

    /// <summary>Watches from a resourceVersion below this get 410 Expired.</summary>
    public string CompactedResourceVersion => Format(_store.CompactedRevision);

    /// <summary>Watch streams currently open (registered and being served).</summary>
    public int OpenWatchCount => _store.OpenWatchCount;

    /// <summary>True between <c>SetOutageAsync(true)</c> and <c>SetOutageAsync(false)</c>.</summary>
    public bool IsOutage { get; private set; }

    /// <summary>Starts a server on 127.0.0.1 (a free port unless <see cref="FakeKubeApiOptions.Port"/> is set).</summary>
    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeKubeApiServer(options ?? new FakeKubeApiOptions());
        server._host = await KubeApiHost.StartAsync(server._options.Port, server._handler.HandleAsync, cancellationToken);
        server.Port = server._host.Port;
        if (server._options.BookmarkInterval is { } interval)
        {
            server._bookmarks = server.SendBookmarksAsync(interval, server._stopping.Token);
        }

        return server;
    }

    /// <summary>
    /// Creates the slice, or replaces it if one with its namespace and name exists: ADDED or MODIFIED to matching
    /// watches. Sets metadata.resourceVersion, and uid and creationTimestamp on creation. Returns the stored copy.
    /// </summary>
    public V1EndpointSlice UpsertSlice(V1EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return Upsert(slice);
    }

    /// <summary>
    /// Stores a raw JSON object as an EndpointSlice without any validation, for invalid-object tests (no addresses,
    /// addressType FQDN, no ports, no conditions...). It needs metadata.name, and metadata.namespace unless
    /// <paramref name="namespace"/> is given; kind and apiVersion are added when missing, resourceVersion, uid and
    /// creationTimestamp are set as for <see cref="UpsertSlice"/>; everything else is served as written.
    /// Returns the new resourceVersion.
    /// </summary>
    public string UpsertRawSlice(string json, string? @namespace = null)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("Expected a JSON object.", nameof(json));
        return Format(Put(KubeResources.EndpointSlices, node, @namespace).Revision);
    }

    /// <summary>Deletes a slice (DELETED to matching watches). Returns the deletion's resourceVersion, or null if absent.</summary>
    public string? DeleteSlice(string @namespace, string name) =>
        _store.Delete(KubeResources.EndpointSlices, @namespace, name) is { } deleted ? Format(deleted.Revision) : null;

    /// <summary>The stored slice, or null.</summary>
    public V1EndpointSlice? GetSlice(string @namespace, string name) => Get<V1EndpointSlice>(@namespace, name);

    /// <summary>
    /// Moves the compaction point to the current resourceVersion and drops the history. A later watch from an older
    /// resourceVersion gets HTTP 200, one <c>{"type":"ERROR","object":{"kind":"Status",...,"reason":"Expired","code":410}}</c>
    /// line (message <c>too old resource version: X (Y)</c>) and a clean end — see the class remarks for how the client reports it.
    /// Open watches are not affected.
    /// </summary>
    public void Compact() => _store.Compact();

    /// <summary>Sends a BOOKMARK at the current resourceVersion to every open watch that asked for bookmarks. Returns that resourceVersion.</summary>
    public string SendBookmark() => Format(_store.Bookmark());

    /// <summary>Ends every open watch cleanly, after what is already queued, as when <c>timeoutSeconds</c> expires. Returns how many.</summary>
    public int EndWatchStreams()
    {
        var watches = _store.DetachWatches();
        foreach (var watch in watches)
        {
            watch.End();
        }

        return watches.Count;
    }

    /// <summary>Aborts every open watch connection mid-stream (no terminating chunk), as a dropped network would. Returns how many.</summary>
    public int CutWatchStreams()
    {
        var watches = _store.DetachWatches();
        foreach (var watch in watches)
        {
            watch.Cut();
        }

        return watches.Count;
    }

    /// <summary>Completes when at least <paramref name="atLeast"/> watches are open (see <see cref="OpenWatchCount"/>).</summary>
    public Task WaitForOpenWatchesAsync(int atLeast, TimeSpan timeout) => _store.WaitForOpenWatchesAsync(atLeast, timeout);

    /// <summary>
    /// <c>true</c>: cuts all watch streams and closes the listening socket, so new connections are refused at the TCP
    /// level (the client sees <c>HttpRequestException</c> with a <c>SocketException</c> ConnectionRefused).
    /// <c>false</c>: listens again on the same port. The objects and history survive, and writes during the outage
    /// are seen afterwards.
    /// </summary>
    public async Task SetOutageAsync(bool outage, CancellationToken cancellationToken = default)
    {
        await _hostGate.WaitAsync(cancellationToken);
        try
        {
            if (outage == IsOutage)
            {
                return;
            }

            if (outage)
            {
                IsOutage = true;
                CutWatchStreams();
                await _host!.DisposeAsync();
                _host = null;
            }
            else
            {
                _host = await KubeApiHost.StartAsync(Port, _handler.HandleAsync, cancellationToken);
                IsOutage = false;
            }
        }
        finally
        {
            _hostGate.Release();
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> and a kube-apiserver
    /// Status body (429 also gets <c>Retry-After: 1</c>; 403, 404 and 409 about a named object get its details) —
    /// counting only requests of verb <paramref name="only"/>, resource <paramref name="resource"/> (e.g.
    /// <c>configmaps</c>) and object <paramref name="name"/>, where given. A failed write changes nothing.
    /// </summary>
    public void FailNextRequests(int count, HttpStatusCode statusCode = HttpStatusCode.InternalServerError, KubeApiVerb? only = null, string? resource = null, string? name = null) =>
        _faults.FailNext(count, (int)statusCode, new RequestMatch(only, resource, name));

    /// <summary>
    /// Holds back the answer to the next <paramref name="count"/> requests (only those of <paramref name="only"/>, with
    /// exactly <paramref name="labelSelector"/> and for <paramref name="resource"/> when given) by <paramref name="delay"/>
    /// on <see cref="FakeKubeApiOptions.TimeProvider"/>, as a slow or distant kube-apiserver would: one Service's list
    /// answering after another's. The request is logged at once; a read's answer (including an injected failure)
    /// shows the state when it is written, while a write is committed at once and only its answer waits, so a client
    /// that gives up may not know its write happened. A client that gives up, or the server stopping, ends the wait.
    /// </summary>
    public void DelayNextRequests(int count, TimeSpan delay, KubeApiVerb? only = null, string? labelSelector = null, string? resource = null) =>
        _delays.DelayNext(count, delay, new RequestMatch(only, resource, null), labelSelector);

    /// <summary>
    /// Writes <c>kubeconfig</c> into <paramref name="directory"/> for this server (plain http, the bearer token of
    /// <see cref="FakeKubeApiOptions.Token"/>, a context with <paramref name="namespace"/> that is the current context)
    /// and returns its path, ready for <c>KubernetesClientConfiguration.BuildConfigFromConfigFile(path)</c>.
    /// </summary>
    public string WriteKubeconfig(string directory, string? @namespace = "production")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, Kubeconfig.Render(BaseAddress, _options.Token, @namespace));
        return path;
    }

    /// <summary>A client configuration for this server, without a kubeconfig file.</summary>
    public KubernetesClientConfiguration CreateClientConfiguration(string? @namespace = "production") => new()
    {
        Host = BaseAddress.ToString(),
        AccessToken = _options.Token,
        Namespace = @namespace,
    };

    /// <summary>Cuts open watches and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _bookmarks;
        await _hostGate.WaitAsync();
        try
        {
            CutWatchStreams();
            if (_host is not null)
            {
                await _host.DisposeAsync();
                _host = null;
            }
        }
        finally
        {
            _hostGate.Release();
        }

        _stopping.Dispose();
    }

    private static string Format(long revision) => revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>A test helper's write: no validation, status as given, generation managed (see <see cref="ServerFields.ForSeed"/>).</summary>
    private StoredObject Put(KubeResource resource, JsonObject json, string? @namespace)
    {
        var metadata = json["metadata"] as JsonObject ?? throw new ArgumentException("The object has no metadata.", nameof(json));
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        if (metadata["name"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || metadata["namespace"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            throw new ArgumentException("metadata.name and metadata.namespace must be set.", nameof(json));
        }

        json["kind"] ??= resource.Kind;
        json["apiVersion"] ??= resource.ApiVersion;
        return _store.Write(resource, (string)metadata["namespace"]!, (string)metadata["name"]!, current => ServerFields.ForSeed(resource, current, json), skipNoOp: false)!;
    }

    private async Task SendBookmarksAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _store.Bookmark();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
