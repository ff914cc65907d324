namespace LoadTests.Growth;

/// <summary>
/// More work divided by less, for the same gateway build (e.g. 1000 endpoints / 4 endpoints). Flat is 1; a cost
/// ratio (CPU per request, p99, memory) above 1 is growth, a req/s ratio below 1 is too. <c>Flat</c>: CPU per request
/// and peak memory both at most 1 + the tolerance; null when a figure is missing.
/// </summary>
internal sealed record GrowthRatio(string Name, string Numerator, string Denominator, double Rps, double P99, double? CpuPerRequest, double? PeakRss, double? AfterRss, bool? Flat);
