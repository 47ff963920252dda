namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>The broker could not be reached or did not answer: a credentials change waits in the outbox for it.</summary>
internal sealed class BrokerUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
