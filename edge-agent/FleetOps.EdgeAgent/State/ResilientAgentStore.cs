using FleetOps.Shared.Contracts;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// The agent's store as the rest of the agent sees it: the LiteDB file (<see cref="LiteAgentStore"/>) behind a copy in
/// memory that outlives the disk. After one failed write (a full disk) LiteDB refuses every later read and write with
/// the same IOException until its file is opened again; from then on the agent runs from memory: desired state and
/// group records are read and kept here, new journal events are held here (and still sent, so the hub may ack them),
/// every group reports <see cref="Reasons.StorageUnavailable"/> (<see cref="IStorageHealth"/>), and the file is opened
/// again with backoff. The first open that takes everything held ends the fault, journaled as
/// <see cref="JournalEventKinds.StorageRecovered"/> beside the <see cref="JournalEventKinds.StorageUnavailable"/>
/// stamped when it began. Reads never touch the file: everything but the journal is small and lives in memory.
/// </summary>
public sealed partial class ResilientAgentStore : IAgentStore, IStorageHealth
{
    // LiteDB's commit returns before its log writer has written the pages, so the events written just before a
    // disk fills up may never reach the file: the newest ones stay in memory until the hub acks them.
    private const int RecentEvents = 256;

    private readonly Func<LiteAgentStore> open;
    private readonly Action probe;
    private readonly string dataDir;
    private readonly int journalLimit;
    private readonly TimeProvider time;
    private readonly ILogger<ResilientAgentStore> logger;
    private readonly Lock gate = new();
    private readonly Dictionary<string, GroupRecord> groups = new(StringComparer.Ordinal);

    /// <summary>Unacknowledged events in memory, in seq order: the recent ones, and every one since a fault began.</summary>
    private readonly List<JournalEvent> tail = [];

    private LiteAgentStore? file;
    private DesiredMessage? desired;
    private long lastSeq;
    private long ackedSeq;
    private DateTimeOffset? lastContact;

    /// <summary>Every unacknowledged event from this seq on is in <see cref="tail"/> (older ones may be only in the file).</summary>
    private long coveredFrom = 1;

    /// <summary>Whether the file was ever read; until then seqs are provisional and nothing is sent.</summary>
    private bool loaded;

    /// <summary>Events up to this seq were held through a fault: they stay in memory until acked, whatever their number.</summary>
    private long heldThrough;

    /// <param name="open">Opens the file (again).</param>
    /// <param name="probe">Throws unless the data dir has room: tried before the file is opened again.</param>
    public ResilientAgentStore(Func<LiteAgentStore> open, Action probe, string dataDir, int journalLimit, TimeProvider time, ILogger<ResilientAgentStore> logger)
    {
        this.open = open;
        this.probe = probe;
        this.dataDir = dataDir;
        this.journalLimit = journalLimit;
        this.time = time;
        this.logger = logger;
        try
        {
            Load(open());
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            // Not even readable: start with nothing rather than not at all (the hub's retained desired state still comes).
            lock (gate)
                Enter(e);
        }
    }

    public event Action? Appended;

    public event Action? Changed;

    public StorageFault? Fault
    {
        get
        {
            lock (gate)
                return fault;
        }
    }

    public long LastSeq
    {
        get
        {
            lock (gate)
                return lastSeq;
        }
    }

    public long AckedSeq
    {
        get
        {
            lock (gate)
                return ackedSeq;
        }
    }

    public DateTimeOffset? LastContact
    {
        get
        {
            lock (gate)
                return lastContact;
        }
    }

    public void RecordContact()
    {
        var faulted = false;
        lock (gate)
        {
            lastContact = time.GetUtcNow();
            faulted = Write(f => f.RecordContact());
        }
        Notify(faulted);
    }

    public int PendingCount
    {
        get
        {
            int? pending = null;
            var faulted = false;
            lock (gate)
            {
                faulted = Write(f => pending = f.PendingCount);
                pending ??= (int)Math.Min(int.MaxValue, lastSeq - ackedSeq);
            }
            Notify(faulted);
            return pending.Value;
        }
    }

    public DesiredMessage? LoadDesired()
    {
        lock (gate)
            return desired;
    }

    public void SaveDesired(DesiredMessage next)
    {
        var faulted = false;
        lock (gate)
        {
            desired = next;
            faulted = Write(f => f.SaveDesired(next));
            unsavedDesired |= fault is not null;
        }
        Notify(faulted);
    }

    public IReadOnlyList<GroupRecord> LoadGroups()
    {
        lock (gate)
            return groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    public GroupRecord? LoadGroup(string name)
    {
        lock (gate)
            return groups.GetValueOrDefault(name);
    }

    public void SaveGroup(GroupRecord record)
    {
        var faulted = false;
        lock (gate)
        {
            groups[record.Name] = record;
            faulted = Write(f => f.SaveGroup(record));
            if (fault is not null)
            {
                deletedGroups.Remove(record.Name);
                unsavedGroups.Add(record.Name);
            }
        }
        Notify(faulted);
    }

    public void DeleteGroup(string name)
    {
        var faulted = false;
        lock (gate)
        {
            groups.Remove(name);
            faulted = Write(f => f.DeleteGroup(name));
            if (fault is not null)
            {
                unsavedGroups.Remove(name);
                deletedGroups.Add(name);
            }
        }
        Notify(faulted);
    }

    public JournalEvent Append(string kind, string? group = null, string? revision = null, string? detail = null, IReadOnlyList<ObjectChange>? changes = null)
    {
        JournalEvent? appended = null;
        var faulted = false;
        lock (gate)
        {
            if (file is not null)
            {
                faulted = Write(f => appended = f.Append(kind, group, revision, detail, changes));
                if (appended is not null)
                    Remember(appended);
            }
            appended ??= Hold(kind, group, revision, detail, changes);
        }
        Notify(faulted);
        Appended?.Invoke();
        return appended;
    }

    public IReadOnlyList<JournalEvent> ReadJournal(long afterSeq, int max)
    {
        IReadOnlyList<JournalEvent>? read = null;
        var faulted = false;
        lock (gate)
        {
            if (file is not null)
                faulted = Write(f => read = f.ReadJournal(afterSeq, max));
            read ??= ReadHeld(afterSeq, max);
        }
        Notify(faulted);
        return read;
    }

    /// <summary>The newest events, from the file while it can be read; from memory (the held and recent ones) while it cannot.</summary>
    public IReadOnlyList<JournalEvent> ReadRecent(string? group, int max)
    {
        IReadOnlyList<JournalEvent>? read = null;
        var faulted = false;
        lock (gate)
        {
            if (file is not null)
                faulted = Write(f => read = f.ReadRecent(group, max));
            read ??= tail.Where(e => group is null || e.Group == group).TakeLast(max).ToList();
        }
        Notify(faulted);
        return read;
    }

    public void Acknowledge(long seq)
    {
        var faulted = false;
        lock (gate)
        {
            if (seq <= ackedSeq)
                return;
            // The hub can only ack what we sent; a larger number (a hub that kept an older data dir) is capped.
            var acked = Math.Min(seq, lastSeq);
            faulted = Write(f => f.Acknowledge(acked));
            ackedSeq = acked;
            tail.RemoveAll(e => e.Seq <= acked);
        }
        Notify(faulted);
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            retry?.Dispose();
            DisposeFile();
        }
    }

    /// <summary>
    /// Everything a storage failure looks like from LiteDB: the IOException itself (from the write, or replayed by
    /// every later call), a refused permission, LiteDB's own errors, and a file it has closed.
    /// </summary>
    private static bool IsStorageFault(Exception e) =>
        e is IOException or UnauthorizedAccessException or LiteException or ObjectDisposedException;

    // Reads the file's state into memory: done once; after that memory leads and the file follows.
    private void Load(LiteAgentStore opened)
    {
        lock (gate)
        {
            desired = opened.LoadDesired();
            foreach (var record in opened.LoadGroups())
                groups[record.Name] = record;
            lastSeq = opened.LastSeq;
            ackedSeq = opened.AckedSeq;
            lastContact = opened.LastContact;
            coveredFrom = lastSeq + 1;
            loaded = true;
            file = opened;
        }
    }

    // A healthy append is also remembered for a while (see RecentEvents).
    private void Remember(JournalEvent e)
    {
        lastSeq = e.Seq;
        tail.Add(e);
        while (tail.Count > RecentEvents && tail[0].Seq > heldThrough)
        {
            coveredFrom = tail[0].Seq + 1;
            tail.RemoveAt(0);
        }
    }

    private JournalEvent Hold(string kind, string? group, string? revision, string? detail, IReadOnlyList<ObjectChange>? changes = null)
    {
        var e = new JournalEvent(lastSeq + 1, time.GetUtcNow(), kind, group, revision, LiteAgentStore.Truncate(detail), Changes: changes);
        lastSeq = e.Seq;
        tail.Add(e);
        if (tail.Count > journalLimit)
            CompactHeld();
        return e;
    }

    // What the sender may have while the file is out of reach: held events, only when nothing unacknowledged before them is missing.
    private IReadOnlyList<JournalEvent> ReadHeld(long afterSeq, int max)
    {
        if (!loaded || Math.Max(afterSeq, ackedSeq) + 1 < coveredFrom)
            return [];
        return tail.Where(e => e.Seq > afterSeq).Take(max).ToList();
    }

    // Folds the oldest tenth of the held events into one, as the file does at its bound (memory is not the place to grow).
    private void CompactHeld()
    {
        var take = Math.Max(2, journalLimit / 10);
        var oldest = tail.Take(take).ToList();
        tail.RemoveRange(0, oldest.Count);
        var first = oldest[0].CoversFrom;
        var detail = $"{oldest.Count} events compacted (seq {first}-{oldest[^1].Seq}) from {oldest[0].At:O} to {oldest[^1].At:O}: " +
            $"the journal held in memory while {dataDir} could not be written reached its limit of {journalLimit} events";
        tail.Insert(0, new JournalEvent(oldest[^1].Seq, oldest[^1].At, JournalEventKinds.Compacted, Detail: detail, FirstSeq: first));
    }

    /// <summary>Runs <paramref name="write"/> against the file while there is one; true when it failed as storage fails (the fault has begun).</summary>
    private bool Write(Action<LiteAgentStore> write)
    {
        if (file is null)
            return false;
        try
        {
            write(file);
            return false;
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            Enter(e);
            return true;
        }
    }

    // Outside the lock: listeners (status board, sender) call back in.
    private void Notify(bool faultBegan)
    {
        if (!faultBegan)
            return;
        Changed?.Invoke();
        Appended?.Invoke();
    }
}
