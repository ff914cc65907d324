using LoadTests.Soak;

namespace LoadTests.Tests.Soak;

public sealed class SoakRowTests
{
    [Fact]
    public void Rate_TwoReadings_IsTheChangePerSecond() =>
        Assert.Equal(1000, SoakRow.Rate(20_000, 200_000, TimeSpan.FromMinutes(3)));

    [Fact]
    public void Rate_AReadingMissingOrNoTime_IsNull()
    {
        Assert.Null(SoakRow.Rate(null, 100, TimeSpan.FromSeconds(1)));
        Assert.Null(SoakRow.Rate(100, null, TimeSpan.FromSeconds(1)));
        Assert.Null(SoakRow.Rate(100, 200, TimeSpan.Zero));
    }

    [Fact]
    public void CpuPercentOf_HalfASecondOfCpuPerSecond_IsFiftyPercentOfACore() =>
        Assert.Equal(50, SoakRow.CpuPercentOf(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), TimeSpan.FromMinutes(1)));

    [Fact]
    public void CpuPercentOf_BothCoresBusy_IsTwoHundred() =>
        Assert.Equal(200, SoakRow.CpuPercentOf(TimeSpan.Zero, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10)));
}
