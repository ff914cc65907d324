using LoadTests.Diagnostics;

namespace LoadTests.Tests.Diagnostics;

public sealed class RuntimeCountersTests
{
    [Fact]
    public void TryRead_GcHeapSize_ConvertsDecimalMegabytesToBytes() =>
        Assert.Equal((RuntimeCounters.HeapSize, 35_512_345L), RuntimeCounters.TryRead(Payload("gc-heap-size", 35.512345)));

    [Fact]
    public void TryRead_GcCommitted_IsRead() =>
        Assert.Equal((RuntimeCounters.Committed, 58_600_000L), RuntimeCounters.TryRead(Payload("gc-committed", 58.6)));

    [Fact]
    public void TryRead_AnotherCounter_IsNull() =>
        Assert.Null(RuntimeCounters.TryRead(Payload("cpu-usage", 12.0)));

    [Fact]
    public void TryRead_NotACounterPayload_IsNull()
    {
        Assert.Null(RuntimeCounters.TryRead(null));
        Assert.Null(RuntimeCounters.TryRead("gc-heap-size"));
        Assert.Null(RuntimeCounters.TryRead(new Dictionary<string, object> { ["Name"] = "gc-heap-size", ["Mean"] = 1.0 }));
    }

    [Fact]
    public void TryRead_NegativeOrNaN_IsNull()
    {
        Assert.Null(RuntimeCounters.TryRead(Payload("gc-heap-size", -1.0)));
        Assert.Null(RuntimeCounters.TryRead(Payload("gc-heap-size", double.NaN)));
    }

    // The shape TraceEvent gives an EventCounters event's first payload value.
    private static Dictionary<string, object> Payload(string name, double mean) => new()
    {
        ["Payload"] = new Dictionary<string, object>
        {
            ["Name"] = name,
            ["DisplayName"] = name,
            ["Mean"] = mean,
            ["CounterType"] = "Mean",
            ["DisplayUnits"] = "MB",
        },
    };
}
