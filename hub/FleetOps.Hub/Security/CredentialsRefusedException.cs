namespace FleetOps.Hub.Security;

/// <summary>The broker answered a credentials change with an error: nothing was changed there, and the caller must say so.</summary>
internal sealed class CredentialsRefusedException(string message) : Exception(message);
