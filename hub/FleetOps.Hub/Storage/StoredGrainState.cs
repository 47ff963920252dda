namespace FleetOps.Hub.Storage;

/// <summary>A grain state row in LiteDB: <c>{stateName}/{grainId}</c>, an ETag and the serialized state.</summary>
internal sealed class StoredGrainState
{
    public string Id { get; set; } = "";

    public long ETag { get; set; }

    public byte[] Data { get; set; } = [];
}
