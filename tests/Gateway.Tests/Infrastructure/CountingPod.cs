using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Infrastructure;

/// <summary>A custom pod (see <see cref="Backend.StartCustomAsync"/>) that counts the requests it received, by method.</summary>
public sealed class CountingPod : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _methods = new();
    private Backend? _backend;

    private CountingPod()
    {
    }

    /// <summary>The methods of the requests received so far, in arrival order.</summary>
    public IReadOnlyCollection<string> Methods => _methods;

    public int Requests => _methods.Count;

    public string Url => _backend!.Url;

    public static async Task<CountingPod> StartAsync(RequestDelegate handler)
    {
        var pod = new CountingPod();
        pod._backend = await Backend.StartCustomAsync(app => app.Run(context =>
        {
            pod._methods.Enqueue(context.Request.Method);
            return handler(context);
        }));
        return pod;
    }

    public ValueTask DisposeAsync() => _backend?.DisposeAsync() ?? ValueTask.CompletedTask;
}
