using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.State;

/// <summary>One object a group applied, with the hash of the manifest last applied for it.</summary>
public sealed record InventoryEntry(ObjectRef Ref, string Hash);
