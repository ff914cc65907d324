using System.Diagnostics;
using System.Net;
using HdrHistogram;

namespace LoadTests.Bench;

/// <summary>
/// The tool's own engine when wrk is not installed: one task per keep-alive connection, each sending the next request
/// as soon as the last answer is read, latencies in an HdrHistogram. It costs more CPU per request than wrk, which on a
/// small machine takes CPU from the servers; compare ratios, not absolute numbers, across engines.
/// </summary>
internal sealed class ClosedLoopEngine(int connections) : IBenchEngine
{
    public string Description => $"built-in closed loop ({connections} keep-alive connections, one SocketsHttpHandler each)";

    public async Task<RoundResult> RunAsync(BenchTarget target, int round, TimeSpan duration, CancellationToken cancellationToken)
    {
        var histogram = new LongConcurrentHistogram(1, 60_000_000, 3);
        long requests = 0, errors = 0;
        var stopwatch = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);

        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            // HTTPS targets serve the bench's self-signed certificate; only its own loopback servers are driven.
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                UseCookies = false,
                UseProxy = false,
                AllowAutoRedirect = false,
                SslOptions = { RemoteCertificateValidationCallback = delegate { return true; } },
            };
            using var invoker = new HttpMessageInvoker(handler);
            var buckets = BenchTarget.ReturningBuckets;
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target.Url) { Version = HttpVersion.Version11 };
                request.Headers.Host = BenchTarget.Host;
                if (target.Returning)
                {
                    request.Headers.TryAddWithoutValidation("Cookie", $"canary-bucket={buckets[i % buckets.Count]}");
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await invoker.SendAsync(request, stop.Token);
                    await response.Content.CopyToAsync(Stream.Null, stop.Token);
                    histogram.RecordValue(Math.Clamp((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds, 1, 60_000_000));
                    Interlocked.Increment(ref requests);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, CancellationToken.None)).ToArray();

        await Task.WhenAll(workers);
        cancellationToken.ThrowIfCancellationRequested();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var latencyMicros = (histogram.GetValueAtPercentile(50), histogram.GetValueAtPercentile(90), histogram.GetValueAtPercentile(99), histogram.GetMaxValue());
        return RoundResult.Measured(target, round, requests, seconds, latencyMicros, errors, $"{errors} failed or non-2xx");
    }
}
