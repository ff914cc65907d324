namespace LoadTests.Diagnostics;

/// <summary>A <see cref="GcSample"/> as JSON: bytes as integers, MiB for people, generations by name.</summary>
internal sealed record GcSampleJson(
    int Pid,
    DateTimeOffset Time,
    long RssBytes,
    double RssMiB,
    ProcessMemory Memory,
    long? HeapCounterBytes,
    long? CommittedBytes,
    long HeapAfterFullGcBytes,
    double HeapAfterFullGcMiB,
    int HeapCount,
    int GcIndex,
    GcGenerationSizes Generations)
{
    private const double MiB = 1024 * 1024;

    public static GcSampleJson From(GcSample sample) => new(
        sample.Pid,
        sample.Time,
        sample.RssBytes,
        Math.Round(sample.RssBytes / MiB, 1),
        sample.Memory,
        sample.HeapCounterBytes,
        sample.CommittedBytes,
        sample.HeapAfterFullGcBytes,
        Math.Round(sample.HeapAfterFullGcBytes / MiB, 1),
        sample.HeapCount,
        sample.GcIndex,
        sample.Generations);
}
