namespace FleetOps.Hub.Storage.Postgres;

/// <summary>What one migration did, as <c>fleetops-hub --init-database</c> and the start-up log say it.</summary>
internal sealed record SchemaMigration(int? VersionBefore, int Version, IReadOnlyList<string> CreatedTables, IReadOnlyList<string> AddedQueries, IReadOnlyList<string> ChangedQueries)
{
    public bool ChangedAnything => VersionBefore != Version || CreatedTables.Count > 0 || AddedQueries.Count > 0 || ChangedQueries.Count > 0;

    public IEnumerable<string> Describe()
    {
        yield return VersionBefore switch
        {
            null => $"schema version: none -> {Version}",
            var before when before == Version => $"schema version: {Version} (current)",
            var before => $"schema version: {before} -> {Version}",
        };
        if (CreatedTables.Count > 0)
            yield return $"created tables: {string.Join(", ", CreatedTables)}";
        if (AddedQueries.Count > 0)
            yield return $"added Orleans queries: {string.Join(", ", AddedQueries)}";
        if (ChangedQueries.Count > 0)
            yield return $"changed Orleans queries: {string.Join(", ", ChangedQueries)}";
        if (!ChangedAnything)
            yield return "nothing to change";
    }
}
