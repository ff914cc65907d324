using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KubeApp.Faults;

/// <summary>Registers and adds fault injection (<c>KUBEAPP_FAILURE_RATE</c>, <c>KUBEAPP_EXTRA_LATENCY</c>).</summary>
internal static partial class FaultInjectionExtensions
{
    /// <summary>Adds the clock and the random source the faults use; tests replace either.</summary>
    public static IServiceCollection AddFaultInjection(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFaultRandom, SharedFaultRandom>();
        return services;
    }

    /// <summary>Adds the faults to the pipeline when <paramref name="options"/> configures any; otherwise nothing.</summary>
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app, FaultInjectionOptions options, ILogger logger)
    {
        if (!options.IsEnabled)
        {
            return app;
        }

        // Loud on purpose: a pod failing requests by configuration must not be mistaken for a broken build.
        LogEnabled(logger, options.FailureRate, options.ExtraLatency.TotalMilliseconds);
        return app.UseMiddleware<FaultInjectionMiddleware>(options);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Fault injection on: failing a fraction {FailureRate} of requests and adding {ExtraLatencyMs} ms to each (not /health).")]
    private static partial void LogEnabled(ILogger logger, double failureRate, double extraLatencyMs);
}
