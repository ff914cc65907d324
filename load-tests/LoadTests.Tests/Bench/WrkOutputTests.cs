using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class WrkOutputTests
{
    private static readonly BenchTarget Target = new("gateway · returning", "gateway", true, new Uri("http://127.0.0.1:18580/"), null);

    [Fact]
    public void Parse_ResultLine_ReadsMicrosecondsAndSumsErrors()
    {
        const string output = """
            Running 3s test @ http://127.0.0.1:18580/
            WRK_RESULT requests=30000 duration_us=3000000 connect=1 read=2 write=3 status=4 timeout=5 p50=1500 p90=2500 p99=9000 max=20000
            """;

        var result = WrkOutput.Parse(Target, 2, output);

        Assert.NotNull(result);
        Assert.Equal(("gateway · returning", 2, 30_000L), (result.Target, result.Round, result.Requests));
        Assert.Equal(10_000, result.RequestsPerSecond, 6);
        Assert.Equal((1.5, 2.5, 9.0, 20.0), (result.P50Ms, result.P90Ms, result.P99Ms, result.MaxMs));
        Assert.Equal(15, result.Errors);
        Assert.Equal("connect 1, read 2, write 3, non-2xx 4, timeout 5", result.ErrorDetail);
    }

    [Fact]
    public void Parse_NoErrors_LeavesNoDetail()
    {
        var result = WrkOutput.Parse(Target, 1, "WRK_RESULT requests=10 duration_us=1000000 connect=0 read=0 write=0 status=0 timeout=0 p50=1 p90=2 p99=3 max=4");

        Assert.Equal(0, result?.Errors);
        Assert.Equal("", result?.ErrorDetail);
    }

    [Fact]
    public void Parse_NoResultLine_IsNull() =>
        Assert.Null(WrkOutput.Parse(Target, 1, "unable to connect to 127.0.0.1:18580 Connection refused"));
}
