namespace FleetOps.Hub.Hosting;

/// <summary>
/// Section <c>Hub:Database</c>: the PostgreSQL schema and how the hub watches the server, when
/// <c>Hub:Orleans</c> puts clustering or storage there (the connection string stays in <see cref="ClusteringOptions"/>).
/// </summary>
public sealed record DatabaseOptions
{
    public const string Section = "Hub:Database";

    public static readonly DatabaseOptions Default = new();

    /// <summary>
    /// Migrate the schema at start (logged step by step). Off by default: a hub pointed at an un-migrated database
    /// refuses to start and names <c>fleetops-hub --init-database</c>, so a schema never changes unannounced.
    /// </summary>
    public bool Migrate { get; set; }

    /// <summary>How often the hub checks that PostgreSQL answers; /readyz is 503 while it does not.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one check may take before the server counts as not answering.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
