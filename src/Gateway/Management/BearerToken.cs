using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Gateway.Management;

/// <summary>Checks <c>Authorization: Bearer &lt;Gateway:Management:Token&gt;</c> on mutating management calls.</summary>
internal static class BearerToken
{
    /// <summary>
    /// Null when <paramref name="request"/> carries <paramref name="configured"/>; else the answer: 403 when no token
    /// is configured (nobody may mutate), 401 with <c>WWW-Authenticate: Bearer</c> for a missing or wrong one.
    /// </summary>
    public static IResult? Refusal(HttpRequest request, string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return Error(StatusCodes.Status403Forbidden, "no management token is configured (Gateway:Management:Token), so mutating calls are off");
        }

        var header = request.Headers.Authorization;
        if (header.Count == 1 && header[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && FixedTimeEquals(value.AsSpan("Bearer ".Length).Trim(), configured))
        {
            return null;
        }

        request.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Error(StatusCodes.Status401Unauthorized, header.Count == 0 ? "missing bearer token" : "wrong bearer token");
    }

    /// <summary>A JSON <c>{"error": "..."}</c> answer.</summary>
    public static IResult Error(int status, string error) => Results.Json(new ErrorBody(error), statusCode: status);

    private static bool FixedTimeEquals(ReadOnlySpan<char> given, string expected)
    {
        // Compares in time independent of where the strings differ (a hash first makes the lengths equal too).
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(given.ToArray()), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    private sealed record ErrorBody(string Error);
}
