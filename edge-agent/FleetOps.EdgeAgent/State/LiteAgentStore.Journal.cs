using FleetOps.Shared.Contracts;
using LiteDB;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// The store's journal: events appended with monotonic seqs, read for the hub (durable first), moved to the kept
/// history when acknowledged, and compacted at the bound. The file beside it holds opening, desired state and groups.
/// </summary>
public sealed partial class LiteAgentStore
{
    public IReadOnlyList<JournalEvent> ReadRecent(string? group, int max)
    {
        lock (gate)
        {
            var unsent = journal.Find(Newest(group), skip: 0, limit: max).ToList();
            var kept = unsent.Count < max ? history.Find(Newest(group), skip: 0, limit: max - unsent.Count) : [];
            return unsent.Concat(kept).Select(JournalDocument.ToEvent).OrderBy(e => e.Seq).ToList();
        }
    }

    public JournalEvent Append(string kind, string? group = null, string? revision = null, string? detail = null, IReadOnlyList<ObjectChange>? changes = null)
    {
        var appended = AppendLocked(kind, group, revision, detail, changes);
        Appended?.Invoke();
        return appended;
    }

    private JournalEvent AppendLocked(string kind, string? group, string? revision, string? detail, IReadOnlyList<ObjectChange>? changes)
    {
        lock (gate)
        {
            db.BeginTrans();
            try
            {
                if (pending >= journalLimit)
                    CompactOldest();
                var seq = lastSeq + 1;
                var e = new JournalEvent(seq, time.GetUtcNow(), kind, group, revision, Truncate(detail), Changes: changes);
                journal.Insert(JournalDocument.FromEvent(e, compacted: 0, from: null));
                meta.Upsert(new BsonDocument { ["_id"] = SeqKey, ["v"] = seq });
                db.Commit();
                lastSeq = seq;
                pending = journal.Count();
                return e;
            }
            catch
            {
                TryRollback();
                throw;
            }
        }
    }

    /// <summary>
    /// What this returns is sent to the hub, so it is made durable first: were a power cut to take events the hub
    /// already holds, the agent would number new events with their seqs and the hub would take those for repeats.
    /// </summary>
    public IReadOnlyList<JournalEvent> ReadJournal(long afterSeq, int max)
    {
        lock (gate)
        {
            // Read first: a read fails at once on an engine whose writer has failed, where a checkpoint would wait.
            var events = journal.Find(Query.GT("_id", afterSeq), skip: 0, limit: max)
                .OrderBy(d => d["_id"].AsInt64)
                .Select(JournalDocument.ToEvent)
                .ToList();
            // A commit returns once its pages are queued for LiteDB's log writer; a checkpoint waits for the writer,
            // copies the pages into the data file and flushes it.
            if (lastSeq > durableSeq)
            {
                barrier.Run(() => db.Checkpoint(), "the journal");
                durableSeq = lastSeq;
            }
            return events;
        }
    }

    public void Acknowledge(long seq)
    {
        lock (gate)
        {
            if (seq <= ackedSeq)
                return;
            // The hub can only ack what we sent; a larger number (a hub that kept an older data dir) is capped.
            var acked = Math.Min(seq, lastSeq);
            db.BeginTrans();
            try
            {
                // Moved, not only dropped: a technician at the store sees what happened even after the hub has it.
                foreach (var done in journal.Find(Query.LTE("_id", acked)))
                    history.Upsert(done);
                journal.DeleteMany(Query.LTE("_id", acked));
                var excess = history.Count() - KeptHistory;
                if (excess > 0)
                    history.DeleteMany(Query.LTE("_id", history.Find(Query.All("_id", Query.Ascending), skip: excess - 1, limit: 1).First()["_id"]));
                meta.Upsert(new BsonDocument { ["_id"] = AckKey, ["v"] = acked });
                db.Commit();
            }
            catch
            {
                TryRollback();
                throw;
            }
            ackedSeq = acked;
            pending = journal.Count();
        }
    }

    // Folds the oldest tenth of the bound into one Compacted event. It takes the seq of the newest event
    // it stands for, so the hub still sees seqs rise and never sees one twice, and names the first (fs, FirstSeq
    // on the wire), so the hub sees the run unbroken: it stores only runs that continue from its ack.
    private void CompactOldest()
    {
        var take = Math.Max(2, journalLimit / 10);
        var oldest = journal.Find(Query.All("_id", Query.Ascending), skip: 0, limit: take).ToList();
        if (oldest.Count < 2)
            return;
        long count = 0;
        DateTimeOffset from = DateTimeOffset.MaxValue;
        foreach (var d in oldest)
        {
            count += d["n"].IsNull ? 1 : d["n"].AsInt64;
            var start = d["from"].IsNull ? JournalDocument.At(d) : new DateTimeOffset(d["from"].AsInt64, TimeSpan.Zero);
            if (start < from)
                from = start;
        }
        var first = oldest[0]["fs"].IsNull ? oldest[0]["_id"].AsInt64 : oldest[0]["fs"].AsInt64;
        var last = oldest[^1];
        var to = JournalDocument.At(last);
        foreach (var d in oldest)
            journal.Delete(d["_id"]);
        var detail = $"{count} events compacted (seq {first}-{last["_id"].AsInt64}) from {from:O} to {to:O}: the journal reached its limit of {journalLimit} unacknowledged events";
        journal.Insert(JournalDocument.FromEvent(new JournalEvent(last["_id"].AsInt64, to, JournalEventKinds.Compacted, Detail: detail, FirstSeq: first), count, from));
    }

    private static Query Newest(string? group)
    {
        var query = Query.All("_id", Query.Descending);
        if (group is not null)
            query.Where.Add(Query.EQ("group", group));
        return query;
    }

    internal static string? Truncate(string? detail) =>
        detail is { Length: > 4096 } ? detail[..4093] + "..." : detail;
}
