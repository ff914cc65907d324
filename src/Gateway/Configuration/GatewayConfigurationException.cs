namespace Gateway.Configuration;

/// <summary>Invalid settings at startup; the message is the one line printed before the process exits.</summary>
public sealed class GatewayConfigurationException : Exception
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    public GatewayConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line reason and cause.</summary>
    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GatewayConfigurationException()
    {
    }
}
