using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Hosting;

/// <summary>
/// Secures the public HTTPS listener; registered by the TLS feature. Without one, or while it is not
/// <see cref="Enabled"/>, <c>Gateway:Listen:Https</c> is not bound.
/// </summary>
public interface IHttpsListener
{
    /// <summary>Whether TLS is configured.</summary>
    bool Enabled { get; }

    /// <summary>Adds TLS to <paramref name="listener"/>.</summary>
    void Configure(ListenOptions listener);
}
