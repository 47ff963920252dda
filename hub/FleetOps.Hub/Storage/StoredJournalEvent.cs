namespace FleetOps.Hub.Storage;

/// <summary>A journal row in LiteDB, keyed <c>{clusterId}/{seq:D19}</c> so that appends are idempotent.</summary>
public sealed class StoredJournalEvent
{
    public string Id { get; set; } = "";

    public string Cluster { get; set; } = "";

    public long Seq { get; set; }

    public DateTime At { get; set; }

    public string Kind { get; set; } = "";

    public string? Group { get; set; }

    public string? Revision { get; set; }

    public string? Detail { get; set; }
}
