namespace FleetOps.Hub.Storage;

/// <summary>
/// One appended batch of a cluster's journal in LiteDB, keyed <c>{clusterId}/{firstSeq:D19}</c>: a batch
/// is one document, so appending ten events costs one write, and a cluster's chunks sort by seq.
/// </summary>
internal sealed class StoredJournalChunk
{
    public string Id { get; set; } = "";

    public long LastSeq { get; set; }

    public List<StoredJournalEvent> Events { get; set; } = [];
}
