using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

public sealed class SampleScheduleTests
{
    [Fact]
    public void Create_DefaultMinutesTwentyMinuteRun_SamplesAtTheMinutes()
    {
        var schedule = SampleSchedule.Create(SampleSchedule.DefaultMinutes, TimeSpan.FromMinutes(20), out var error);

        Assert.Null(error);
        Assert.NotNull(schedule);
        Assert.Equal([2, 5, 10, 15, 20], schedule.Minutes);
        Assert.Equal([120, 300, 600, 900, 1200], schedule.Offsets.Select(offset => offset.TotalSeconds));
        Assert.False(schedule.Scaled);
    }

    [Fact]
    public void Create_TwoMinuteRun_ScalesTheMinutesSoTheLastFallsAtTheEnd()
    {
        var schedule = SampleSchedule.Create(SampleSchedule.DefaultMinutes, TimeSpan.FromSeconds(120), out _);

        Assert.NotNull(schedule);
        Assert.Equal([12, 30, 60, 90, 120], schedule.Offsets.Select(offset => offset.TotalSeconds));
        Assert.True(schedule.Scaled);
    }

    [Fact]
    public void Create_RunLongerThanTheLastMinute_KeepsTheMinutes()
    {
        var schedule = SampleSchedule.Create("1 2 4", TimeSpan.FromMinutes(30), out _);

        Assert.NotNull(schedule);
        Assert.Equal([60, 120, 240], schedule.Offsets.Select(offset => offset.TotalSeconds));
        Assert.False(schedule.Scaled);
    }

    [Fact]
    public void Create_FractionalMinutes_AreSeconds()
    {
        var schedule = SampleSchedule.Create("0.5,1.25", TimeSpan.FromMinutes(2), out _);

        Assert.NotNull(schedule);
        Assert.Equal([30, 75], schedule.Offsets.Select(offset => offset.TotalSeconds));
    }

    [Theory]
    [InlineData("2,5,5,10", "must increase")]
    [InlineData("10,5", "must increase")]
    [InlineData("2,five", "'five' is not a positive number")]
    [InlineData("0,5", "'0' is not a positive number")]
    [InlineData("-1", "'-1' is not a positive number")]
    [InlineData(" , ", "none given")]
    public void Create_UnusableMinutes_SaysWhy(string minutes, string expected)
    {
        var schedule = SampleSchedule.Create(minutes, TimeSpan.FromMinutes(20), out var error);

        Assert.Null(schedule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoDuration_IsAnError()
    {
        Assert.Null(SampleSchedule.Create("2,5", TimeSpan.Zero, out var error));
        Assert.NotNull(error);
    }
}
