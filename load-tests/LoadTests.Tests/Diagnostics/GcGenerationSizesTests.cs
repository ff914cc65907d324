using LoadTests.Diagnostics;

namespace LoadTests.Tests.Diagnostics;

public sealed class GcGenerationSizesTests
{
    [Fact]
    public void Total_EveryGeneration_IncludesLohAndPoh()
    {
        // The figures of a real GCHeapStats after an induced GC of the gateway under load.
        var sizes = new GcGenerationSizes(Gen0: 0, Gen1: 192_160, Gen2: 6_723_784, Loh: 6_443_184, Poh: 169_776);

        Assert.Equal(13_528_904, sizes.Total);
    }

    [Fact]
    public void Total_OnlyPinnedObjects_CountsThePinnedObjectHeap() =>
        Assert.Equal(4096, new GcGenerationSizes(0, 0, 0, 0, Poh: 4096).Total);
}
