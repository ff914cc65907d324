using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace LoadTests.Topology;

/// <summary>
/// Builds the real sample app in-process. <c>KubeApp.KubeAppServer.Build</c> is internal and KubeApp.csproj grants
/// InternalsVisibleTo only to its own test projects, so it is bound once by reflection here (one place, failing
/// loudly if the method moves); adding <c>&lt;InternalsVisibleTo Include="LoadTests" /&gt;</c> there would make this a plain call.
/// </summary>
internal static class KubeAppHost
{
    private static readonly Lazy<Func<string[], WebApplication>> BuildMethod = new(Bind);

    /// <summary>The app as <c>KubeApp</c>'s Program would run it, with <paramref name="args"/>.</summary>
    public static WebApplication Build(string[] args) => BuildMethod.Value(args);

    private static Func<string[], WebApplication> Bind()
    {
        var type = typeof(KubeApp.Program).Assembly.GetType("KubeApp.KubeAppServer", throwOnError: true)!;
        var method = type.GetMethod("Build", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string[])])
            ?? throw new MissingMethodException("KubeApp.KubeAppServer", "Build(string[])");
        return method.CreateDelegate<Func<string[], WebApplication>>();
    }
}
