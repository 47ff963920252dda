namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub:Orleans</c>: the one place where development and scale-out hosting are chosen.
/// <see cref="Clustering"/> is <c>Localhost</c> (default) or <c>AdoNet</c>; <see cref="Storage"/> is
/// <c>LiteDb</c> (default) or <c>AdoNet</c>. AdoNet uses PostgreSQL through Npgsql with
/// <see cref="ConnectionString"/>, in a schema of the hub's own made by <c>fleetops-hub --init-database</c> (Storage/Postgres).
/// </summary>
public sealed record ClusteringOptions
{
    public const string Section = "Hub:Orleans";

    public const string Localhost = "Localhost";
    public const string AdoNet = "AdoNet";
    public const string LiteDb = "LiteDb";

    public static readonly ClusteringOptions Default = new();

    public string Clustering { get; set; } = Localhost;

    public string Storage { get; set; } = LiteDb;

    public string? ConnectionString { get; set; }

    /// <summary>ADO.NET provider invariant; Orleans knows PostgreSQL as <c>Npgsql</c>.</summary>
    public string Invariant { get; set; } = "Npgsql";

    public string ClusterId { get; set; } = "fleetops";

    public string ServiceId { get; set; } = "fleetops-hub";

    /// <summary>Silo-to-silo port (0 picks a free one, for tests).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway; 0 disables it (nothing outside the process talks Orleans to the hub).</summary>
    public int GatewayPort { get; set; }

    /// <summary>Address other silos reach this one at when clustering over ADO.NET.</summary>
    public string? AdvertisedAddress { get; set; }

    public bool UsesAdoNetClustering => string.Equals(Clustering, AdoNet, StringComparison.OrdinalIgnoreCase);

    public bool UsesAdoNetStorage => string.Equals(Storage, AdoNet, StringComparison.OrdinalIgnoreCase);
}
