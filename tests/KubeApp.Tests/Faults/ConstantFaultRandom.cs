using KubeApp.Faults;

namespace KubeApp.Tests.Faults;

/// <summary>Always the same draw, or a failed test when <paramref name="draw"/> is null (nothing may draw).</summary>
internal sealed class ConstantFaultRandom(double? draw) : IFaultRandom
{
    public double NextDouble() => draw ?? throw new InvalidOperationException("No request may draw when fault injection is off.");
}
