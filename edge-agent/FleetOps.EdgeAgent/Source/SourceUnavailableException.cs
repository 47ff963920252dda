namespace FleetOps.EdgeAgent.Source;

/// <summary>The revision is not cached and could not be fetched; the message says why and what to check.</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
