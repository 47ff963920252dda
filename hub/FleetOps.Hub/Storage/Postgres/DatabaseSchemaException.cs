namespace FleetOps.Hub.Storage.Postgres;

/// <summary>The database cannot be used as it is; the message says what to run. The hub stops with it at start.</summary>
internal sealed class DatabaseSchemaException(string message, Exception? inner = null) : Exception(message, inner);
