namespace FleetOps.EdgeAgent.State;

/// <summary>The data dir cannot be written: since when (agent time) and the error that said so.</summary>
public sealed record StorageFault(DateTimeOffset Since, string Error);
