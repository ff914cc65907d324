using System.Net;
using LoadTests.Http;
using LoadTests.Statistics;

namespace LoadTests.Scenarios;

/// <summary>
/// One user: its own cookie jar and its own connection (a <see cref="SocketsHttpHandler"/> with one connection), so
/// the bucket cookie the gateway sets on the first answer comes back with every later request, as from a browser.
/// </summary>
internal sealed class VirtualUser(int groupIndex, UserGroup group, ScenarioContext context)
{
    public async Task RunAsync(CancellationToken runToken)
    {
        var simulation = context.Simulation;
        var target = context.Target;
        var cookies = new CookieContainer();
        foreach (var (name, value) in group.Cookies)
        {
            cookies.Add(target.Url, new Cookie(name, value, "/"));
        }

        using var handler = context.Handlers.Create(cookies);
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var user = new UserObservation();
        var observer = context.Observer?.UserStarted(groupIndex);
        var started = context.Elapsed;
        context.Statistics.UserStarted(groupIndex);
        try
        {
            for (var i = 0; !runToken.IsCancellationRequested; i++)
            {
                if ((simulation.RequestsPerUser > 0 && i >= simulation.RequestsPerUser)
                    || (simulation.UserDuration > TimeSpan.Zero && context.Elapsed - started >= simulation.UserDuration))
                {
                    break;
                }

                if (simulation.UserRate > 0 && !await PaceAsync(started + TimeSpan.FromSeconds(i / simulation.UserRate), runToken))
                {
                    break;
                }

                if (await SendAsync(invoker, runToken) is not { } outcome)
                {
                    break;
                }

                var change = user.Observe(outcome.Version, outcome.Error is not null, outcome.ForcedViolation);
                context.Statistics.Record(groupIndex, outcome, change);
                observer?.Observe(outcome);
            }
        }
        finally
        {
            context.Statistics.UserFinished(groupIndex, user);
            observer?.Finished();
        }
    }

    private async Task<bool> PaceAsync(TimeSpan due, CancellationToken runToken)
    {
        var wait = due - context.Elapsed;
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(wait, runToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One request, classified; null when the run ended while it was in flight (not counted).</summary>
    private async Task<RequestOutcome?> SendAsync(HttpMessageInvoker invoker, CancellationToken runToken)
    {
        var target = context.Target;
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url) { Version = HttpVersion.Version11 };
        if ((group.Host ?? target.Host) is { } host)
        {
            request.Headers.Host = host;
        }

        foreach (var (name, value) in group.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        timeout.CancelAfter(target.Timeout);
        // Both ends on the run's clock, read right at the request's start and end: the rollout's verdicts place each
        // answer between them (AtSeconds less the latency), so the time spent classifying it must not shift its start.
        var start = context.Elapsed;
        try
        {
            using var response = await invoker.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Classify(response, body, start, context.Elapsed);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return Failed(start, ErrorKinds.Timeout);
        }
        catch (HttpRequestException ex)
        {
            return Failed(start, ErrorKinds.Of(ex));
        }
        catch (IOException ex)
        {
            return Failed(start, ErrorKinds.Of(ex));
        }
    }

    /// <summary>The latency rounded up to whole microseconds, so that the start derived from it is never later than the real one.</summary>
    private static long Micros(TimeSpan start, TimeSpan end) => (long)Math.Ceiling((end - start).TotalMicroseconds);

    private RequestOutcome Classify(HttpResponseMessage response, string body, TimeSpan start, TimeSpan end)
    {
        var status = (int)response.StatusCode;
        var micros = Micros(start, end);
        var track = response.Headers.TryGetValues(context.Target.TrackHeader, out var values) ? values.FirstOrDefault() : null;
        if (status is < 200 or > 299)
        {
            return new RequestOutcome(end.TotalSeconds, micros, status, null, track, ErrorKinds.Status(status), false);
        }

        var version = VersionReader.Read(body);
        string? error = null;
        if (version is null)
        {
            error = ErrorKinds.NoVersion;
        }
        else if (track is not null && !TrackAgrees(track, version))
        {
            error = ErrorKinds.TrackMismatch;
        }

        var forcedViolation = version is not null && !group.Expectation.Allows(version, context.Target.CanaryVersion);
        return new RequestOutcome(end.TotalSeconds, micros, status, version, track, error, forcedViolation);
    }

    private bool TrackAgrees(string track, string version)
    {
        var isCanaryVersion = string.Equals(version, context.Target.CanaryVersion, StringComparison.Ordinal);
        return (string.Equals(track, "canary", StringComparison.OrdinalIgnoreCase) && isCanaryVersion)
            || (string.Equals(track, "stable", StringComparison.OrdinalIgnoreCase) && !isCanaryVersion);
    }

    private RequestOutcome Failed(TimeSpan start, string error)
    {
        var end = context.Elapsed;
        return new(end.TotalSeconds, Micros(start, end), 0, null, null, error, false);
    }
}
