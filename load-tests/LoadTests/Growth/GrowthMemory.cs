namespace LoadTests.Growth;

/// <summary>A gateway's memory in KiB: right after it became ready, after every round (VmRSS), and the kernel's peak (VmHWM).</summary>
internal sealed record GrowthMemory(long IdleRssKiB, long AfterRssKiB, long VmHwmKiB);
