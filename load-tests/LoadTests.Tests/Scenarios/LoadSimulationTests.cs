using LoadTests.Cli;
using LoadTests.Scenarios;

namespace LoadTests.Tests.Scenarios;

public sealed class LoadSimulationTests
{
    [Fact]
    public void ArrivalAt_Rate_SpacesUsersEvenly()
    {
        var simulation = new LoadSimulation { Users = 100, ArrivalRate = 50 };

        Assert.Equal(TimeSpan.Zero, simulation.ArrivalAt(0));
        Assert.Equal(TimeSpan.FromSeconds(1), simulation.ArrivalAt(50));
        Assert.Equal(TimeSpan.FromSeconds(1.98), simulation.ArrivalAt(99));
    }

    [Fact]
    public void ArrivalAt_Ramp_LastUserAtRampEnd()
    {
        var simulation = new LoadSimulation { Users = 11, ArrivalRate = 0, Ramp = TimeSpan.FromSeconds(10) };

        Assert.Equal(TimeSpan.FromSeconds(5), simulation.ArrivalAt(5));
        Assert.Equal(TimeSpan.FromSeconds(10), simulation.ArrivalAt(10));
    }

    [Fact]
    public void ArrivalAt_NoRateNoRamp_AllAtOnce() =>
        Assert.Equal(TimeSpan.Zero, new LoadSimulation { Users = 10, ArrivalRate = 0 }.ArrivalAt(9));

    [Theory]
    [InlineData(0, 10, 0, "--users")]
    [InlineData(10, 0, 0, "--requests")]
    [InlineData(10, 0, 5, null)]
    [InlineData(10, 5, 0, null)]
    public void Validate_RequiresABoundedUser(int users, int requests, int userSeconds, string? error)
    {
        var message = new LoadSimulation { Users = users, RequestsPerUser = requests, UserDuration = TimeSpan.FromSeconds(userSeconds) }.Validate();

        if (error is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(error, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("10s", 10)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("1.5", 1.5)]
    [InlineData("00:00:03", 3)]
    public void DurationParser_Forms(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    public void DurationParser_Rejects(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
