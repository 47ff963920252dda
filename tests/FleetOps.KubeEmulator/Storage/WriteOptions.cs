namespace FleetOps.KubeEmulator.Storage;

/// <summary>The query options of a mutating request that the write pipeline needs.</summary>
internal sealed record WriteOptions(string FieldManager, bool DryRun = false, bool Force = false);
