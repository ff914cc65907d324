namespace LoadTests.Diagnostics;

/// <summary>A sample could not be taken: no such process, no diagnostics port, or the runtime never reported the GC.</summary>
internal sealed class GcSampleException(string message, Exception? inner = null) : Exception(message, inner);
