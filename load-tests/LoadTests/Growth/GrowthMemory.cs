namespace LoadTests.Growth;

/// <summary>
/// A gateway's memory in KiB: right after it became ready, after every round (VmRSS), and the kernel's peak (VmHWM);
/// and the sockets it holds after every round (listeners, and its pooled connections to the pods).
/// </summary>
internal sealed record GrowthMemory(long IdleRssKiB, long AfterRssKiB, long VmHwmKiB, int? SocketsAfter = null);
