namespace FleetOps.EdgeAgent.Local;

/// <summary>The local commands cannot read the store's state; the message says why and what to do.</summary>
public sealed class LocalStateException(string message) : Exception(message);
