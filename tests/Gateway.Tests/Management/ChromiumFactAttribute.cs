namespace Gateway.Tests.Management;

/// <summary>
/// A test that needs Debian's Chromium. On a developer machine without it the test is skipped with a message saying
/// how to install it, so <c>dotnet test Gateway.sln</c> passes with the .NET SDK alone; under <c>CI=true</c> it is
/// never skipped, so CI cannot lose the browser test silently (the test then fails, naming the missing browser).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumBrowser.ExecutablePath is null && !ChromiumBrowser.IsCi)
        {
            Skip = ChromiumBrowser.MissingMessage;

            // dotnet test prints a skipped test's name but, at its default verbosity, not the reason: carry it in the
            // name, so "Skipped …" says why and what to install.
            DisplayName = "Browser test skipped: " + ChromiumBrowser.MissingMessage;
        }
    }
}
