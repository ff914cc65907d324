using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class H2LoadOutputTests
{
    [Fact]
    public void Parse_CleanRun_ReadsSummaryAndNegotiatedProtocol()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.Clean, H2LoadCaptures.CleanLogHead);

        Assert.Equal(19864, run.Done);
        Assert.Equal(6621.33, run.RequestsPerSecond, 2);
        Assert.Equal((0L, 0L, 0L), (run.Failed, run.Errored, run.Timeout));
        Assert.Equal("h2", run.ApplicationProtocol);
        Assert.Equal("TLSv1.2", run.TlsProtocol);
        Assert.Equal("ECDHE-ECDSA-AES128-GCM-SHA256", run.Cipher);
        Assert.Equal("h2, TLSv1.2, ECDHE-ECDSA-AES128-GCM-SHA256", run.Negotiated);
        Assert.Equal(0, run.Errors);
    }

    [Fact]
    public void Parse_LogRows_GivePercentilesOfTheirDurations()
    {
        // 1000 answers taking 1..1000 µs in shuffled order (h2load's rows are only roughly ordered with several threads).
        var rows = Enumerable.Range(1, 1000).Select(i => (i * 7919) % 1000 + 1).Select(us => $"1796164333403436\t200\t{us}").ToArray();

        var run = H2LoadOutput.Parse(H2LoadCaptures.Clean, rows);

        Assert.Equal(1000, run.Logged);
        // HdrHistogram with 3 significant digits: exact below 2048 µs.
        Assert.Equal((500L, 900L, 990L, 1000L), run.LatencyMicros);
    }

    [Fact]
    public void Parse_CapturedLogHead_ReadsVerbatimRows()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.Clean, H2LoadCaptures.CleanLogHead);

        Assert.Equal(3, run.Logged);
        Assert.Equal(0, run.NonSuccess);
        Assert.Equal(656, run.LatencyMicros.Max);
        Assert.Equal(647, run.LatencyMicros.P50);
    }

    [Fact]
    public void Parse_FailedStreams_CountAsErrorsAndStayOutOfTheLatencies()
    {
        string[] rows = [.. H2LoadCaptures.CleanLogHead, .. H2LoadCaptures.FailedStreamRows];

        var run = H2LoadOutput.Parse(H2LoadCaptures.GoawayFailures, rows);

        Assert.Equal(4033, run.Done);
        Assert.Equal((33L, 33L), (run.Failed, run.Errored));
        Assert.Equal(3, run.FailedStreams);
        // The summary's 33 failed outweighs the 3 failed rows this excerpt of the log holds.
        Assert.Equal(33, run.Errors);
        // The failed streams took 1268 µs and 1312 µs to fail; the answered ones at most 656 µs.
        Assert.Equal(656, run.LatencyMicros.Max);
    }

    [Fact]
    public void Parse_ServerErrors_AreErrorsFromSummaryAndLog()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.AllServerErrors, ["1796164344324558\t503\t276", "1796164344324560\t503\t314", "1796164344324561\t302\t100"]);

        Assert.Equal(42256, run.Done);
        Assert.Equal(42256, run.Failed);
        Assert.Equal(0, run.Errored);
        // h2load calls 3xx a success; the bench, like wrk's status errors, does not expect any.
        Assert.Equal(3, run.NonSuccess);
        Assert.Equal(42256, run.Errors);
    }

    [Fact]
    public void Parse_LogWithMoreFailuresThanSummary_TakesTheLog()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.Clean, ["1\t200\t10", "2\t500\t10", "3\t-1\t10"]);

        Assert.Equal(2, run.Errors);
    }

    [Fact]
    public void Parse_NothingListening_HasNoRequestsAndNoProtocol()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.NothingListening, []);

        Assert.Equal(0, run.Done);
        Assert.Null(run.ApplicationProtocol);
        Assert.Null(run.TlsProtocol);
        Assert.Equal((0L, 0L, 0L, 0L), run.LatencyMicros);
    }

    [Fact]
    public void Parse_Http11Negotiated_ReportsIt()
    {
        var run = H2LoadOutput.Parse(H2LoadCaptures.Http11Negotiated, []);

        Assert.Equal("http/1.1", run.ApplicationProtocol);
        Assert.Equal(24411, run.Done);
    }

    [Theory]
    [InlineData("h2load: unrecognized option '--bogus'\n")]
    [InlineData("")]
    [InlineData("finished in 1.00s, 10.00 req/s, 1KB/s\n")]
    public void Parse_WithoutSummary_Throws(string output)
    {
        Assert.Throws<FormatException>(() => H2LoadOutput.Parse(output, []));
    }

    [Theory]
    [InlineData("1796164333403436 200 596")]
    [InlineData("1796164333403436\tOK\t596")]
    [InlineData("1796164333403436\t200")]
    public void Parse_MalformedLogRow_Throws(string row)
    {
        var ex = Assert.Throws<FormatException>(() => H2LoadOutput.Parse(H2LoadCaptures.Clean, [row]));

        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
    }
}
