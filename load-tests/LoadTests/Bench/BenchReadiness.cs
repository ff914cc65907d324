using System.Net;
using TestSupport;

namespace LoadTests.Bench;

/// <summary>How the bench knows a server it started is ready: it answers 200 (over HTTPS too), or it exited and says why.</summary>
internal static class BenchReadiness
{
    /// <exception cref="InvalidOperationException">The process exited, or did not answer 200 within 30 s.</exception>
    public static async Task WaitForOkAsync(ChildProcess process, Uri url, CancellationToken cancellationToken)
    {
        // The bench's certificate is self-signed; only its own loopback servers are asked.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, SslOptions = { RemoteCertificateValidationCallback = delegate { return true; } } }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting:\n{process.Output}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Host = url.AbsolutePath == "/" ? BenchTarget.Host : null;
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.Name} did not answer 200 on {url} within 30 s:\n{process.Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
