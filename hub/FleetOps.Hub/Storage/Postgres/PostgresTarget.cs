using Npgsql;

namespace FleetOps.Hub.Storage.Postgres;

/// <summary>How messages name the database: server, port and database, never the password.</summary>
internal static class PostgresTarget
{
    public static string Describe(NpgsqlDataSource database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
    }
}
