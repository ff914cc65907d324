namespace KubeApp;

/// <summary>Invalid settings at startup; the message is the one line printed before the process exits.</summary>
public sealed class KubeAppConfigurationException : Exception
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    public KubeAppConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line reason and cause.</summary>
    public KubeAppConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubeAppConfigurationException()
    {
    }
}
