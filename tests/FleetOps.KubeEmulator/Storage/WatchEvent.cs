using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// One change to one object; the objects are the stored (never mutated) instances. <see cref="Previous"/> is what was
/// stored before (null for ADDED), so a filtered watch can tell an object entering or leaving its selector.
/// </summary>
internal sealed record WatchEvent(string Type, string StoreKey, string Namespace, JsonObject Object, long ResourceVersion, JsonObject? Previous = null);
