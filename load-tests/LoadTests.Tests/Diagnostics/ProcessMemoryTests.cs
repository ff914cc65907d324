using LoadTests.Diagnostics;

namespace LoadTests.Tests.Diagnostics;

public sealed class ProcessMemoryTests
{
    private const string Status = """
        Name:	dotnet
        Umask:	0022
        State:	S (sleeping)
        VmPeak:	273964928 kB
        VmHWM:	  167936 kB
        VmRSS:	  157400 kB
        RssAnon:	   66228 kB
        RssFile:	   69268 kB
        RssShmem:	   21904 kB
        VmSwap:	       0 kB
        Threads:	31
        """;

    [Fact]
    public void Parse_StatusText_ReadsTheWorkingSetItsPartsAndPeakInBytes()
    {
        var memory = ProcessMemory.Parse(Status.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(new ProcessMemory(157_400 * 1024L, 66_228 * 1024L, 69_268 * 1024L, 21_904 * 1024L, 167_936 * 1024L), memory);
    }

    [Fact]
    public void Parse_NoVmRss_IsNull() =>
        Assert.Null(ProcessMemory.Parse("Name:\tkthreadd\nState:\tS (sleeping)\n"));

    [Fact]
    public void Read_ThisProcess_PartsAddUpToTheWorkingSet()
    {
        var memory = ProcessMemory.Read(Environment.ProcessId);

        Assert.NotNull(memory);
        Assert.True(memory.RssBytes > 0);
        Assert.Equal(memory.RssBytes, memory.AnonBytes + memory.FileBytes + memory.ShmemBytes);
    }

    [Fact]
    public void Read_NoSuchProcess_IsNull() => Assert.Null(ProcessMemory.Read(int.MaxValue));
}
