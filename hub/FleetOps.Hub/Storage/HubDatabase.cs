using System.Collections.Concurrent;
using FleetOps.Hub.Hosting;
using FleetOps.Shared.Files;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Storage;

/// <summary>
/// The one LiteDB file in the data dir (<c>hub.db</c>), shared by grain storage and the journal.
/// Every write goes through <see cref="WriteAsync{T}"/>: one writer thread applies whatever writes are
/// waiting in a single transaction (group commit), because each LiteDB commit costs a log write and a flush
/// and a commit per write would cap ingest at a few hundred messages per second. A commit returns once its
/// pages are queued for LiteDB's log writer, before they are on the disk; a batch holding a durable write (a journal
/// batch the hub is about to acknowledge) is checkpointed before any of its writes completes: LiteDB then waits for
/// its log writer, copies the pages into the data file and flushes it to the disk, so what the hub acks survives a
/// power cut (see README, "Reliability").
/// </summary>
internal sealed class HubDatabase : IDisposable
{
    public const string FileName = "hub.db";

    // Large enough to amortize a flush over a burst, small enough to keep one transaction short.
    private const int MaxBatch = 512;

    /// <summary>Every collection the hub keeps in this file; created when the file is opened (see the constructor).</summary>
    public static readonly IReadOnlyList<string> Collections = [LiteDbGrainStorage.Collection, LiteDbJournalStore.Collection];

    private readonly BlockingCollection<PendingWrite> writes = new();
    private readonly Thread writer;

    private readonly ILogger logger;
    private readonly DiskBarrier barrier = new();
    private readonly Action syncLog;

    public HubDatabase(IOptions<HubOptions> options, ILogger<HubDatabase>? logger = null)
        : this(Open(options.Value, (ILogger?)logger ?? NullLogger.Instance, out var logPath), () => DurableFile.Sync(logPath), logger)
    {
    }

    /// <summary>
    /// Over a database opened elsewhere (a test's streams); it is disposed with this. <paramref name="syncLog"/> takes
    /// the database's log, as it stands, to the disk.
    /// </summary>
    internal HubDatabase(LiteDatabase database, Action syncLog, ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
        this.syncLog = syncLog;
        Database = database;
        // LiteDB 5 can fail a read with "page type must be collection page" while another transaction
        // creates that collection (LiteDB issue #2792), so every collection exists before anyone reads.
        foreach (var name in Collections.Where(name => !Database.CollectionExists(name)))
        {
            var collection = Database.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "$created" });
            collection.Delete("$created");
        }
        // Indexes too are made here, before the writer or any reader runs, for the same reason.
        LiteDbJournalStore.EnsureIndexes(Database.GetCollection<StoredJournalChunk>(LiteDbJournalStore.Collection));
        // LiteDB transactions belong to a thread, so the writer is a dedicated one.
        writer = new Thread(WriteLoop) { IsBackground = true, Name = "fleetops-litedb-writer" };
        writer.Start();
    }

    /// <summary>For reads; LiteDB serves them concurrently with the writer.</summary>
    public LiteDatabase Database { get; }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer thread inside a transaction; completes once committed, and when
    /// <paramref name="durable"/>, once the commit is on the disk.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write, bool durable = false)
    {
        var pending = new PendingWrite<T>(write, durable);
        writes.Add(pending);
        return pending.Completion.Task;
    }

    public void Dispose()
    {
        writes.CompleteAdding();
        writer.Join();
        Database.Dispose();
        writes.Dispose();
    }

    private static LiteDatabase Open(HubOptions options, ILogger logger, out string logPath)
    {
        var folder = HubDataDir.Secure(options, logger);
        PrivateDirectory.CreateFile(folder, PrivateDirectory.LiteDbLog(FileName));
        logPath = Path.Combine(folder, PrivateDirectory.LiteDbLog(FileName));
        var database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(folder, FileName),
            Connection = ConnectionType.Direct,
        });
        HubDataDir.SecureCreatedFiles(options);
        return database;
    }

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        foreach (var first in writes.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && writes.TryTake(out var next))
                batch.Add(next);
            try
            {
                Database.BeginTrans();
                foreach (var write in batch)
                    write.Apply(Database);
                Database.Commit();
                var flushFailure = batch.Any(write => write.Durable) ? Flush() : null;
                foreach (var write in batch)
                {
                    if (write.Durable && flushFailure is not null)
                        write.Fail(flushFailure);
                    else
                        write.Complete();
                }
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A write batch of {Count} failed and was rolled back", batch.Count);
                TryRollback();
                foreach (var write in batch)
                    write.Fail(e);
            }
            batch.Clear();
        }
    }

    // Committed, so the batch stands; but a durable write is not done until its pages are on the disk.
    private Exception? Flush()
    {
        try
        {
            barrier.Run(Checkpoint, "a journal batch");
            return null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A write batch was committed but could not be flushed to the disk; its journal batches are not acknowledged");
            return e;
        }
    }

    /// <summary>
    /// Folds the log into the data file, which LiteDB flushes, and then takes the emptied log to the disk too: LiteDB
    /// empties it without a flush, and were the emptying lost to a power cut while the data file's new pages survived,
    /// the next open would replay the old log over them and undo the batches the hub has acknowledged.
    /// </summary>
    private void Checkpoint()
    {
        Database.Checkpoint();
        syncLog();
    }

    // An exception escaping this thread would end the process; the batch has already failed, so a
    // rollback that fails too only needs to leave the writer running for the next batch.
    private void TryRollback()
    {
        try
        {
            Database.Rollback();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rolling back a failed write batch failed too; the hub keeps writing");
        }
    }

    private abstract class PendingWrite(bool durable)
    {
        public bool Durable => durable;

        public abstract void Apply(LiteDatabase database);

        public abstract void Complete();

        public abstract void Fail(Exception e);
    }

    /// <summary>A write whose own failure (say, an ETag conflict) fails only itself, not the batch.</summary>
    private sealed class PendingWrite<T>(Func<LiteDatabase, T> write, bool durable) : PendingWrite(durable)
    {
        private T? result;
        private Exception? error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Apply(LiteDatabase database)
        {
            try
            {
                result = write(database);
            }
            catch (Exception e) when (e is not LiteException)
            {
                error = e;
            }
        }

        public override void Complete()
        {
            if (error is null)
                Completion.TrySetResult(result!);
            else
                Completion.TrySetException(error);
        }

        public override void Fail(Exception e) => Completion.TrySetException(e);
    }
}
