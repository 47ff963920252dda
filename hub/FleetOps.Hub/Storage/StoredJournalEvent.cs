namespace FleetOps.Hub.Storage;

/// <summary>A journal event inside a <see cref="StoredJournalChunk"/>.</summary>
internal sealed class StoredJournalEvent
{
    public long Seq { get; set; }

    public DateTime At { get; set; }

    /// <summary>When the hub received it; null for events stored before that was kept.</summary>
    public DateTime? ReceivedAt { get; set; }

    public string Kind { get; set; } = "";

    public string? Group { get; set; }

    public string? Revision { get; set; }

    public string? Detail { get; set; }

    /// <summary>The event's <c>changes</c> as the wire's JSON; null when the agent sent none.</summary>
    public string? Changes { get; set; }
}
