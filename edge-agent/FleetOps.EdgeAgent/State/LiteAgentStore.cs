using FleetOps.EdgeAgent.Apply;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Files;
using LiteDB;
using Microsoft.Extensions.Logging;
using Json = System.Text.Json.JsonSerializer;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// <see cref="IAgentStore"/> over one LiteDB file per data dir (<see cref="IStateFileOpener"/>: streams the agent owns,
/// opened exclusively, the agent being the only process that opens them). LiteDB transactions are per thread, so
/// every operation runs synchronously under one lock. A write that fails leaves this instance unusable (LiteDB refuses
/// every later call); <see cref="ResilientAgentStore"/> opens a new one.
/// </summary>
/// <remarks>
/// A second process must not read the file while the agent runs: LiteDB's direct mode has no cross-process
/// coordination, and a reader can see a checkpoint half done. <c>fleetops-agent status</c> therefore asks the
/// running agent over its control socket, and opens the file itself (<see cref="OpenReadOnly"/>) only when no
/// agent answers.
/// </remarks>
public sealed partial class LiteAgentStore : IAgentStore
{
    public const string FileName = "agent.db";

    private const string SeqKey = "seq";
    private const string AckKey = "ack";
    private const string DesiredKey = "desired";
    private const int CheckpointPages = 100;
    private const string ContactKey = "contact";

    /// <summary>Acknowledged events kept for <c>fleetops-agent history</c>: the store's own recent past, offline.</summary>
    public const int KeptHistory = 1000;

    private readonly Lock gate = new();
    private readonly StateFile file;
    private readonly LiteDatabase db;
    private readonly ILiteCollection<BsonDocument> meta;
    private readonly ILiteCollection<BsonDocument> groups;
    private readonly ILiteCollection<BsonDocument> journal;
    private readonly ILiteCollection<BsonDocument> history;
    private readonly string clusterId;
    private readonly int journalLimit;
    private readonly TimeProvider time;
    private long lastSeq;
    private long ackedSeq;
    private int pending;

    /// <summary>Events up to this seq are on the disk (see <see cref="ReadJournal"/>).</summary>
    private long durableSeq;

    private readonly DiskBarrier barrier = new();
    private DateTimeOffset? lastContact;

    /// <summary>
    /// Opens (or creates) the store in <paramref name="dataDir"/>, which is its owner's only (<see cref="PrivateDirectory"/>),
    /// on streams <paramref name="opener"/> opens (<see cref="StateFileOpener"/> by default).
    /// </summary>
    public LiteAgentStore(string dataDir, string clusterId, int journalLimit, TimeProvider time, ILogger? logger = null, IStateFileOpener? opener = null)
        : this(dataDir, clusterId, journalLimit, time, logger, opener, readOnly: false)
    {
    }

    private LiteAgentStore(string dataDir, string clusterId, int journalLimit, TimeProvider time, ILogger? logger, IStateFileOpener? opener, bool readOnly)
    {
        string[] files = [FileName, PrivateDirectory.LiteDbLog(FileName)];
        if (!readOnly)
        {
            if (PrivateDirectory.Secure(dataDir, files) is [_, ..] loosened)
                logger?.LogWarning("The agent's data dir was readable by others; made it its owner's only: {Paths}", string.Join(", ", loosened));
            PrivateDirectory.CreateFile(dataDir, files[1]);
        }
        this.clusterId = clusterId;
        this.journalLimit = journalLimit;
        this.time = time;
        // Read-only (no agent has the file open): LiteDB's own read-only open, which writes nothing.
        file = readOnly
            ? new StateFile(new LiteDatabase(new ConnectionString { Filename = FileIn(dataDir), Connection = ConnectionType.Direct, ReadOnly = true }))
            : (opener ?? StateFileOpener.Instance).Open(FileIn(dataDir));
        db = file.Database;
        try
        {
            if (!readOnly)
            {
                PrivateDirectory.Secure(dataDir, files);
                // Fold the write-ahead log into the data file early: LiteDB keeps log pages in memory until then. Set
                // only when it differs: setting it is a write, and opening must not write (on a full disk it could not).
                if (db.CheckpointSize != CheckpointPages)
                    db.CheckpointSize = CheckpointPages;
            }
            meta = db.GetCollection("meta");
            groups = db.GetCollection("groups");
            journal = db.GetCollection("journal");
            history = db.GetCollection("history");
            lastContact = meta.FindById(ContactKey) is { } contact ? new DateTimeOffset(contact["v"].AsInt64, TimeSpan.Zero) : null;
            lastSeq = meta.FindById(SeqKey)?["v"].AsInt64 ?? 0;
            durableSeq = lastSeq;
            ackedSeq = meta.FindById(AckKey)?["v"].AsInt64 ?? 0;
            pending = journal.Count();
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The state file of a data dir.</summary>
    public static string FileIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>
    /// Opens a data dir's state to read it while no agent has it open (the file must exist; nothing is written).
    /// The cluster id is the one the stored desired state names.
    /// </summary>
    public static LiteAgentStore OpenReadOnly(string dataDir, TimeProvider time)
    {
        var store = new LiteAgentStore(dataDir, "", AgentOptionsLimit, time, null, null, readOnly: true);
        var stored = store.meta.FindById(DesiredKey)?["json"].AsBinary;
        if (stored is null)
            return store;
        store.Dispose();
        var id = System.Text.Json.JsonDocument.Parse(stored).RootElement.TryGetProperty("clusterId", out var v) ? v.GetString() ?? "" : "";
        return new LiteAgentStore(dataDir, id, AgentOptionsLimit, time, null, null, readOnly: true);
    }

    private static int AgentOptionsLimit => Configuration.AgentOptions.Default.JournalLimit;

    public event Action? Appended;

    public DateTimeOffset? LastContact { get { lock (gate) return lastContact; } }

    public void RecordContact()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            meta.Upsert(new BsonDocument { ["_id"] = ContactKey, ["v"] = now.UtcTicks });
            lastContact = now;
        }
    }

    public long LastSeq { get { lock (gate) return lastSeq; } }

    public long AckedSeq { get { lock (gate) return ackedSeq; } }

    public int PendingCount { get { lock (gate) return pending; } }

    public DesiredMessage? LoadDesired()
    {
        lock (gate)
        {
            var doc = meta.FindById(DesiredKey);
            if (doc is null)
                return null;
            var parsed = WireCodec.Default.Parse<DesiredMessage>(Topics.Desired(clusterId), doc["json"].AsBinary);
            return parsed.IsOk ? parsed.Message : null;
        }
    }

    public void SaveDesired(DesiredMessage desired)
    {
        lock (gate)
            meta.Upsert(new BsonDocument { ["_id"] = DesiredKey, ["json"] = WireCodec.Serialize(desired) });
    }

    public IReadOnlyList<GroupRecord> LoadGroups()
    {
        lock (gate)
            return groups.FindAll().Select(ToGroup).ToList();
    }

    public GroupRecord? LoadGroup(string name)
    {
        lock (gate)
            return groups.FindById(name) is { } doc ? ToGroup(doc) : null;
    }

    public void SaveGroup(GroupRecord record)
    {
        lock (gate)
            groups.Upsert(FromGroup(record));
    }

    public void DeleteGroup(string name)
    {
        lock (gate)
            groups.Delete(name);
    }

    /// <summary>
    /// Writes, in one transaction, what the agent held in memory while this file could not be written: the desired
    /// state (when there is one), every group record (replacing the file's: memory is the whole truth), journal events
    /// with the seqs they were given, and the seq and ack counters.
    /// </summary>
    public void Restore(DesiredMessage? desired, IReadOnlyCollection<GroupRecord> records, IEnumerable<JournalEvent> events, long seq, long acked)
    {
        lock (gate)
        {
            db.BeginTrans();
            try
            {
                if (desired is not null)
                    meta.Upsert(new BsonDocument { ["_id"] = DesiredKey, ["json"] = WireCodec.Serialize(desired) });
                var kept = records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in groups.FindAll().Select(d => d["_id"].AsString).Where(n => !kept.Contains(n)).ToList())
                    groups.Delete(gone);
                foreach (var record in records)
                    groups.Upsert(FromGroup(record));
                var newAck = Math.Max(acked, ackedSeq);
                foreach (var e in events.Where(e => e.Seq > newAck))
                    journal.Upsert(JournalDocument.FromEvent(e with { Detail = Truncate(e.Detail) }, compacted: 0, from: null));
                var newSeq = Math.Max(seq, lastSeq);
                meta.Upsert(new BsonDocument { ["_id"] = SeqKey, ["v"] = newSeq });
                journal.DeleteMany(Query.LTE("_id", newAck));
                meta.Upsert(new BsonDocument { ["_id"] = AckKey, ["v"] = newAck });
                db.Commit();
                lastSeq = newSeq;
                ackedSeq = newAck;
                pending = journal.Count();
            }
            catch
            {
                TryRollback();
                throw;
            }
        }
    }

    public void Dispose() => file.Dispose();

    // A rollback on an engine that a failed write has closed throws the same error again; the caller has that one already.
    private void TryRollback()
    {
        try
        {
            db.Rollback();
        }
        catch (Exception e) when (e is IOException or LiteException or ObjectDisposedException)
        {
        }
    }

    internal static string? NullableString(BsonValue v) => v.IsNull ? null : v.AsString;

    private static BsonDocument FromGroup(GroupRecord g) => new()
    {
        ["_id"] = g.Name,
        ["rev"] = g.AppliedRevision,
        ["path"] = g.AppliedPath,
        ["labels"] = g.AppliedLabels,
        ["inventory"] = new BsonArray(g.Inventory.Select(i => new BsonDocument
        {
            ["av"] = i.Ref.ApiVersion,
            ["k"] = i.Ref.Kind,
            ["ns"] = i.Ref.Namespace,
            ["n"] = i.Ref.Name,
            ["h"] = i.Hash,
        })),
        ["status"] = g.Status is null ? BsonValue.Null : Json.Serialize(g.Status, ContractsJsonContext.Default.GroupStatus),
    };

    private static GroupRecord ToGroup(BsonDocument d) => new(
        d["_id"].AsString,
        NullableString(d["rev"]),
        NullableString(d["path"]),
        d["inventory"].AsArray.Select(v => v.AsDocument).Select(i => new InventoryEntry(
            new ObjectRef(i["av"].AsString, i["k"].AsString, NullableString(i["ns"]), i["n"].AsString),
            i["h"].AsString)).ToList(),
        d["status"].IsNull ? null : Json.Deserialize(d["status"].AsString, ContractsJsonContext.Default.GroupStatus),
        NullableString(d["labels"]));
}
