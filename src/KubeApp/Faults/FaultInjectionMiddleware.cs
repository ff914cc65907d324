using System.Globalization;
using System.Text;

namespace KubeApp.Faults;

/// <summary>
/// Delays, then fails a share of, every request other than <c>/health</c>. In the pipeline only when
/// <see cref="FaultInjectionOptions.IsEnabled"/>, so an app without faults answers exactly as the original.
/// </summary>
internal sealed class FaultInjectionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly FaultInjectionOptions _options;
    private readonly TimeProvider _time;
    private readonly IFaultRandom _random;
    private readonly byte[] _failureBody;

    public FaultInjectionMiddleware(RequestDelegate next, FaultInjectionOptions options, TimeProvider time, IFaultRandom random)
    {
        _next = next;
        _options = options;
        _time = time;
        _random = random;
        _failureBody = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"Injected failure ({FaultInjectionOptions.FailureRateKey}={options.FailureRate}).\n"));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // The readiness probe stays green: a bad release passes Kubernetes' checks, and the rollout must catch it.
        if (string.Equals(context.Request.Path.Value, "/health", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        if (_options.ExtraLatency > TimeSpan.Zero)
        {
            await Task.Delay(_options.ExtraLatency, _time, context.RequestAborted);
        }

        // NextDouble is below 1, so a rate of 1 fails every request; a rate of 0 none.
        if (_options.FailureRate > 0 && _random.NextDouble() < _options.FailureRate)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status500InternalServerError;
            response.ContentType = "text/plain; charset=utf-8";
            response.ContentLength = _failureBody.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(_failureBody, context.RequestAborted);
            }

            return;
        }

        await _next(context);
    }
}
