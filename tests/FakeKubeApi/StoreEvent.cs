using k8s;

namespace FakeKubeApi;

/// <summary>One committed change, as etcd's watch history records it.</summary>
/// <param name="Revision">The global revision of the change.</param>
/// <param name="Type">Added, Modified or Deleted.</param>
/// <param name="Object">The new state; for a deletion the last state stamped with <paramref name="Revision"/>.</param>
/// <param name="Previous">The state before a modification, so selector-filtered watches can turn it into ADDED or DELETED.</param>
internal sealed record StoreEvent(long Revision, WatchEventType Type, StoredObject Object, StoredObject? Previous);
