using LiteDB;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// An open LiteDB file and the streams under it, which are ours: after a failed write LiteDB's own close can stop
/// half way (its log writer waits on itself when the first write it makes fails) and keep the file open and locked,
/// so that no later open in this process succeeds. Closing our streams ourselves always lets the file go.
/// </summary>
public sealed class StateFile(LiteDatabase database, params Stream[] streams) : IDisposable
{
    public LiteDatabase Database { get; } = database;

    public void Dispose()
    {
        // Read before closing: a close that fails half way leaves them open, and their finalizer would end the process.
        var open = AbandonedTransactions.Of(Database);
        try
        {
            Database.Dispose();
        }
        catch (Exception e) when (e is IOException or LiteException or ObjectDisposedException)
        {
            // A database whose write failed has closed itself already; what its dispose adds is the same error.
        }
        finally
        {
            AbandonedTransactions.Forget(open);
            foreach (var stream in streams)
            {
                try
                {
                    stream.Dispose();
                }
                catch (IOException)
                {
                    // Unflushed bytes with no room to go to: the write that needed them has failed already.
                }
            }
        }
    }
}
