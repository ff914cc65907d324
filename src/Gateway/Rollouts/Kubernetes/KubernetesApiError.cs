using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Turns what KubernetesClient throws into one line for a rollout's <c>reason</c> and the logs: the HTTP status and
/// kube-apiserver's own message (it names the object, the verb and the RBAC rule that is missing), or why no answer came.
/// </summary>
internal static class KubernetesApiError
{
    /// <summary>
    /// One line, e.g. <c>403 Forbidden (deployments.apps "kubeapp-production" is forbidden: ...)</c>,
    /// <c>404 NotFound (deployments.apps "kubeapp-production" not found)</c>, or <c>API server unreachable (...)</c>.
    /// </summary>
    public static string Describe(Exception exception) => OneLine(exception switch
    {
        HttpOperationException { Response: { } response } => Status(response.StatusCode, response.Content),
        KubernetesException { Status: { } status } => $"{status.Code} {status.Reason} ({status.Message})",
        HttpRequestException http => $"API server unreachable ({http.Message})",
        // HttpClient's own timeout surfaces as a cancellation that nobody asked for.
        OperationCanceledException or TimeoutException => "no answer from the API server in time",
        JsonException json => $"unreadable answer from the API server ({json.Message})",
        _ => $"{exception.GetType().Name} ({exception.Message})",
    });

    /// <summary>The status line, with the message of the <c>Status</c> object kube-apiserver puts in an error's body.</summary>
    private static string Status(HttpStatusCode code, string? content)
    {
        var phrase = ReasonPhrases.GetReasonPhrase((int)code);
        var head = phrase.Length > 0 ? $"{(int)code} {phrase}" : $"{(int)code}";
        return Message(content) is { Length: > 0 } message ? $"{head} ({message})" : head;
    }

    private static string? Message(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1Status>(content)?.Message ?? content;
        }
        catch (JsonException)
        {
            // A proxy in front of the API server may answer with HTML or plain text.
            return content.Length > 200 ? content[..200] : content;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
