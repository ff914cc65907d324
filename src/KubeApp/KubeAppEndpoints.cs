using System.Text;

namespace KubeApp;

/// <summary>The three routes of the original, byte for byte.</summary>
internal static class KubeAppEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>
    /// Go's <c>http.HandleFunc("/")</c> catches every path and method that isn't <c>/health</c> or <c>/version</c>,
    /// so this is a terminal middleware rather than routed endpoints (which would 405 on other methods).
    /// </summary>
    public static void MapKubeApp(this IApplicationBuilder app, string version)
    {
        var home = Encoding.UTF8.GetBytes($"Congratulations! Version {version} of your application is running on Kubernetes.");
        var versionLine = Encoding.UTF8.GetBytes(version + "\n");

        app.Run(context =>
        {
            var path = context.Request.Path.Value;
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;

            if (string.Equals(path, "/health", StringComparison.Ordinal))
            {
                // Go writes no body and no Content-Type here; Content-Length: 0.
                response.ContentLength = 0;
                return Task.CompletedTask;
            }

            var body = string.Equals(path, "/version", StringComparison.Ordinal) ? versionLine : home;
            response.ContentType = TextPlain;
            response.ContentLength = body.Length;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                // Like Go's server: the length of the GET body, no body bytes.
                return Task.CompletedTask;
            }

            return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
    }
}
