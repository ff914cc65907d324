using Microsoft.AspNetCore.Builder;

namespace LoadTests.Topology;

/// <summary>Builds the real sample app in-process, as <c>KubeApp</c>'s Program would run it.</summary>
internal static class KubeAppHost
{
    /// <summary>The app with <paramref name="args"/> (e.g. <c>--urls</c>, <c>--KUBEAPP_VERSION</c>).</summary>
    public static WebApplication Build(string[] args) => KubeApp.KubeAppServer.Build(args);
}
