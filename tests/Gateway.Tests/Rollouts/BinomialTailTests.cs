using Gateway.Rollouts;

namespace Gateway.Tests.Rollouts;

public sealed class BinomialTailTests
{
    [Theory]
    [InlineData(0, 50, 0.01)]
    [InlineData(1, 50, 0.01)]
    [InlineData(4, 50, 0.01)]
    [InlineData(5, 100, 0.01)]
    [InlineData(19, 1000, 0.01)]
    [InlineData(40, 200, 0.2)]
    [InlineData(3, 10, 0.5)]
    [InlineData(10, 10, 0.5)]
    [InlineData(7, 30, 0.005)]
    [InlineData(120, 600, 0.25)]
    public void AtLeast_AgreesWithTheDirectSum(long k, long n, double p)
    {
        var expected = DirectSum(k, n, p);
        var actual = BinomialTail.AtLeast(k, n, p);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(expected, 1e-300) + 1e-15, $"P(X >= {k} | {n}, {p}) = {actual}, direct sum {expected}");
    }

    [Fact]
    public void AtLeast_Edges()
    {
        Assert.Equal(1, BinomialTail.AtLeast(0, 0, 0.5));
        Assert.Equal(0, BinomialTail.AtLeast(11, 10, 0.5));
        Assert.Equal(0, BinomialTail.AtLeast(1, 100, 0));
        Assert.Equal(1, BinomialTail.AtLeast(100, 100, 1));
    }

    [Fact]
    public void AtLeast_LargeCounts_StayFiniteAndOrdered()
    {
        // A busy canary at 100 %: a million requests in one interval.
        var atRate = BinomialTail.AtLeast(10_000, 1_000_000, 0.01);
        var above = BinomialTail.AtLeast(10_500, 1_000_000, 0.01);
        Assert.InRange(atRate, 0.45, 0.55);
        Assert.InRange(above, 1e-12, 1e-4);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(5.0, 3.1780538303479458)]
    [InlineData(0.5, 0.57236494292470008)]
    [InlineData(100.0, 359.13420536957540)]
    public void LogGamma_KnownValues(double x, double expected) =>
        Assert.Equal(expected, BinomialTail.LogGamma(x), 1e-10);

    private static double DirectSum(long k, long n, double p)
    {
        // pmf(0) = (1 - p)^n, pmf(i + 1) = pmf(i) (n - i) / (i + 1) p / (1 - p): no gamma function involved.
        double pmf = Math.Pow(1 - p, n), sum = 0;
        for (long i = 0; i <= n; i++)
        {
            if (i >= k)
            {
                sum += pmf;
            }

            pmf *= (double)(n - i) / (i + 1) * p / (1 - p);
        }

        return sum;
    }
}
