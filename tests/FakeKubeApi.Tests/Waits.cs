namespace FakeKubeApi.Tests;

/// <summary>The one bound every await in these tests uses; generous for a loaded 2-core CI machine.</summary>
internal static class Waits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
}
