namespace FleetOps.KubeEmulator.Storage;

/// <summary>The parts of a DeleteOptions body and query that change what a delete does.</summary>
internal sealed record DeleteOptions(bool DryRun = false, string? PreconditionUid = null, string? PreconditionResourceVersion = null, string? PropagationPolicy = null);
