using FleetOps.EdgeAgent.Link;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.State;

public sealed partial class ResilientAgentStore
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    // What changed since the fault began; only a file that was never read needs to know (see Merge): any other gets
    // the whole of memory, since a write LiteDB said was committed may have been lost with the disk.
    private readonly HashSet<string> unsavedGroups = new(StringComparer.Ordinal);
    private readonly HashSet<string> deletedGroups = new(StringComparer.Ordinal);
    private bool unsavedDesired;

    private StorageFault? fault;
    private ITimer? retry;
    private int attempts;
    private bool disposed;

    /// <summary>
    /// A write failed as storage fails: let the file go (LiteDB would refuse every call from now on), stamp the
    /// outage in the journal now, in memory, and try the file again later. Called under the lock.
    /// </summary>
    private void Enter(Exception e)
    {
        DisposeFile();
        if (fault is not null)
            return;
        unsavedDesired = false;
        unsavedGroups.Clear();
        deletedGroups.Clear();
        fault = new StorageFault(time.GetUtcNow(), e.Message);
        logger.LogError(e, "Cannot write the data dir {DataDir}: {Error}; running from memory (desired state, group records and new journal events) until it can be written again",
            dataDir, e.Message);
        Hold(JournalEventKinds.StorageUnavailable, null, null,
            $"cannot write {dataDir}: {e.Message}; the agent keeps enforcing what it applied and holds its records and journal in memory until it can write again");
        ScheduleRetry();
    }

    private void ScheduleRetry()
    {
        if (disposed)
            return;
        attempts++;
        retry ??= time.CreateTimer(_ => TryRecover(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        retry.Change(Backoff.Delay(attempts, FirstRetry, LongestRetry), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Opens the file again and writes everything held in memory in one transaction; the first time that works ends
    /// the fault (journaled with how long it lasted). Any storage failure on the way leaves the fault as it was.
    /// </summary>
    internal bool TryRecover()
    {
        StorageFault? ended;
        lock (gate)
        {
            if (fault is null || disposed)
                return fault is null;
            LiteAgentStore? opened = null;
            try
            {
                // Our own small write first: LiteDB reports a write it could not make only after it said it committed.
                probe();
                opened = open();
                if (!loaded)
                    Merge(opened);
                opened.Restore(desired, groups.Values, tail, lastSeq, ackedSeq);
                ended = fault;
                var took = time.GetUtcNow() - ended.Since;
                var recovered = opened.Append(JournalEventKinds.StorageRecovered, detail:
                    $"{dataDir} can be written again after {Describe(took)} (unavailable since {ended.Since:u}, first error: {ended.Error}); " +
                    "the records and journal held in memory are written");
                file = opened;
                fault = null;
                attempts = 0;
                heldThrough = lastSeq;
                unsavedDesired = false;
                unsavedGroups.Clear();
                deletedGroups.Clear();
                Remember(recovered);
            }
            catch (Exception e) when (IsStorageFault(e))
            {
                try
                {
                    opened?.Dispose();
                }
                catch (Exception)
                {
                    // A file that failed is let go whatever its dispose says.
                }
                logger.LogDebug("The data dir {DataDir} still cannot be written: {Error}", dataDir, e.Message);
                ScheduleRetry();
                return false;
            }
        }
        logger.LogInformation("The data dir {DataDir} can be written again after {Duration}; wrote what was held in memory", dataDir, Describe(time.GetUtcNow() - ended.Since));
        Changed?.Invoke();
        Appended?.Invoke();
        return true;
    }

    // The file could not even be read when the agent started: take what it has that memory does not, and give the
    // events held meanwhile their real seqs (they were numbered from zero and never sent).
    private void Merge(LiteAgentStore opened)
    {
        if (!unsavedDesired && opened.LoadDesired() is { } stored)
            desired = stored;
        foreach (var record in opened.LoadGroups().Where(r => !unsavedGroups.Contains(r.Name) && !deletedGroups.Contains(r.Name)))
            groups[record.Name] = record;
        for (var i = 0; i < tail.Count; i++)
            tail[i] = tail[i] with { Seq = opened.LastSeq + i + 1 };
        lastSeq = opened.LastSeq + tail.Count;
        ackedSeq = opened.AckedSeq;
        coveredFrom = opened.LastSeq + 1;
        loaded = true;
    }

    private void DisposeFile()
    {
        var closing = file;
        file = null;
        try
        {
            closing?.Dispose();
        }
        catch (Exception e) when (IsStorageFault(e))
        {
            // LiteDB has already closed a file whose write failed; what its dispose adds is the same error.
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:D2}s" : $"{span.TotalSeconds:F0}s";
}
