using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>One change to one object; the object is the stored (never mutated) instance.</summary>
internal sealed record WatchEvent(string Type, string StoreKey, string Namespace, JsonObject Object, long ResourceVersion);
