using Gateway.Tracks;

namespace Gateway.Discovery;

/// <summary>
/// The watch of one Service (Kubernetes mode), as an immutable record: the watch loop swaps in a new one, so a reader
/// on another thread sees every field of one moment.
/// </summary>
/// <param name="Track">The track the Service backs.</param>
/// <param name="Service">The Service's name.</param>
/// <param name="Synced">Whether it has been listed at least once.</param>
/// <param name="ResourceVersion">Where the next watch resumes (null: a list is due).</param>
/// <param name="LastEvent">When the last list or watch event arrived.</param>
/// <param name="Reconnects">Watches re-opened after the first (stream ended, cut, silent or failed).</param>
/// <param name="Relists">Full re-lists after the first list (410 Expired).</param>
/// <param name="LastError">The last API error, if the last attempt failed.</param>
/// <param name="Warning">
/// What an operator should know about the Service even though the watch works (null when nothing): set while no
/// EndpointSlice carries its name, which means the Service does not exist or has no selector.
/// </param>
public sealed record ServiceWatchStatus(
    Track Track,
    string Service,
    bool Synced = false,
    string? ResourceVersion = null,
    DateTimeOffset? LastEvent = null,
    int Reconnects = 0,
    int Relists = 0,
    string? LastError = null,
    string? Warning = null);
