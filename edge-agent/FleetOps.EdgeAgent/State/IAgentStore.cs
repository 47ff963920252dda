using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// The agent's durable state (one per data dir): desired state, per-group records, and the journal
/// with its unacknowledged tail. A write is committed to the file when the call returns, except while the
/// data dir cannot be written (<see cref="ResilientAgentStore"/>: then it is held in memory and written later).
/// </summary>
public interface IAgentStore : IDisposable
{
    DesiredMessage? LoadDesired();

    void SaveDesired(DesiredMessage desired);

    IReadOnlyList<GroupRecord> LoadGroups();

    GroupRecord? LoadGroup(string name);

    void SaveGroup(GroupRecord record);

    void DeleteGroup(string name);

    /// <summary>Raised after an event is durable, so the sender can publish it without polling.</summary>
    event Action? Appended;

    /// <summary>Allocates the next seq and stores the event in one transaction; compacts at the bound.</summary>
    JournalEvent Append(string kind, string? group = null, string? revision = null, string? detail = null, IReadOnlyList<ObjectChange>? changes = null);

    /// <summary>Unacknowledged events with seq greater than <paramref name="afterSeq"/>, oldest first.</summary>
    IReadOnlyList<JournalEvent> ReadJournal(long afterSeq, int max);

    /// <summary>The highest seq ever allocated (0 before the first event); survives acks and restarts.</summary>
    long LastSeq { get; }

    /// <summary>The highest seq the hub has acknowledged.</summary>
    long AckedSeq { get; }

    /// <summary>Unacknowledged events held.</summary>
    int PendingCount { get; }

    /// <summary>
    /// Drops every event up to and including <paramref name="seq"/> from the unacknowledged tail: the hub has
    /// persisted them. The newest acknowledged ones stay readable through <see cref="ReadRecent"/>.
    /// </summary>
    void Acknowledge(long seq);

    /// <summary>
    /// The newest <paramref name="max"/> events, oldest first, of one group when <paramref name="group"/> is given:
    /// the unacknowledged tail and the latest acknowledged ones kept for the store's own history.
    /// </summary>
    IReadOnlyList<JournalEvent> ReadRecent(string? group, int max);

    /// <summary>When the hub was last heard from or reached (connect, ack, disconnect); null before the first time.</summary>
    DateTimeOffset? LastContact { get; }

    /// <summary>Records that the hub was in contact just now.</summary>
    void RecordContact();
}
