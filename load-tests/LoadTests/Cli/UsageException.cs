namespace LoadTests.Cli;

/// <summary>A setting that cannot work (a bad --resolve, an unreadable --cacert); the tool exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
