using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LiteDB;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// LiteDB 5 (5.0.20) finalizes a transaction nobody closed, and the finalizer of one whose write failed (a full disk)
/// throws "discarded page must be writable" on the finalizer thread, which ends the process. After a failed write
/// neither rollback nor closing the database can close such a transaction (each meets the same failed page), so the
/// agent takes the open transactions out of finalization when it lets a database go. LiteDB has no public way to list
/// them: this reads its private fields (LiteDatabase._engine, LiteEngine's monitor, TransactionMonitor._transactions),
/// checked by <c>AbandonedTransactionsTests</c> against the pinned version; if they change, nothing is found and the
/// agent is back to LiteDB's own behaviour.
/// </summary>
internal static class AbandonedTransactions
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    /// <summary>The transactions <paramref name="database"/> holds open right now; empty when they cannot be read.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "LiteDB is not trimmable, so the published agent's partial trim keeps it whole, private fields included; were one gone, nothing is found, as above.")]
    public static IReadOnlyList<object> Of(LiteDatabase database)
    {
        try
        {
            var engine = typeof(LiteDatabase).GetField("_engine", Private)?.GetValue(database);
            var monitor = engine?.GetType().GetField("_monitor", Private)?.GetValue(engine);
            if (monitor?.GetType().GetField("_transactions", Private)?.GetValue(monitor) is not IDictionary open)
                return [];
            lock (open)
                return open.Values.Cast<object>().ToList();
        }
        catch (Exception e) when (e is FieldAccessException or TargetException or InvalidOperationException)
        {
            return [];
        }
    }

    /// <summary>Keeps LiteDB's finalizer from running on these (their pages are gone with the database anyway).</summary>
    public static void Forget(IEnumerable<object> transactions)
    {
        foreach (var transaction in transactions)
            GC.SuppressFinalize(transaction);
    }
}
