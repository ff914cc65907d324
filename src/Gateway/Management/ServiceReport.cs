using Gateway.Tracks;

namespace Gateway.Management;

/// <summary>The watch of one Service (Kubernetes mode).</summary>
/// <param name="Track">The track the Service backs.</param>
/// <param name="Service">The Service's name.</param>
/// <param name="Synced">Whether it has been listed at least once.</param>
/// <param name="ResourceVersion">Where the next watch resumes (null: a list is due).</param>
/// <param name="LastEvent">When the last list or watch event arrived.</param>
/// <param name="Reconnects">Watches re-opened after the first.</param>
/// <param name="Relists">Full re-lists after the first list.</param>
/// <param name="LastError">The last API error, if the last attempt failed.</param>
/// <param name="Warning">Null when fine; else one line, e.g. that no EndpointSlice names the Service (it does not exist).</param>
public sealed record ServiceReport(string Track, string Service, bool Synced, string? ResourceVersion, DateTimeOffset? LastEvent, int Reconnects, int Relists, string? LastError, string? Warning);
