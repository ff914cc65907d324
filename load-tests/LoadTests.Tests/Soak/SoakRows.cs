using LoadTests.Diagnostics;
using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

/// <summary>Made-up soak rows for the summary and table tests.</summary>
internal static class SoakRows
{
    public const long MiB = 1024 * 1024;

    public static SoakRow Row(double minute, long rssMiB, long heapMiB, int heaps, double? rps = 1000) => new(
        minute,
        TimeSpan.FromMinutes(minute),
        rps,
        15,
        new GcSample(1234, DateTimeOffset.UnixEpoch, new ProcessMemory(rssMiB * MiB, rssMiB * MiB / 2, rssMiB * MiB / 2, 0, rssMiB * MiB), 30 * MiB, 50 * MiB, 10, new GcGenerationSizes(0, 0, heapMiB * MiB, 0, 0), heaps));
}
