using FleetOps.EdgeAgent.State;
using LiteDB;

namespace FleetOps.EdgeAgent.Tests.State;

/// <summary>
/// LiteDB's finalizer must not end the agent after a write failed: the store takes its transactions out of
/// finalization, found through LiteDB's private fields, which this pins to the version we ship.
/// </summary>
public sealed class AbandonedTransactionsTests
{
    [Fact]
    public void TheOpenTransactionsOfTheLiteDbVersionWeShipAreFound()
    {
        using var database = new LiteDatabase(new MemoryStream());
        Assert.Empty(AbandonedTransactions.Of(database));

        database.BeginTrans();
        database.GetCollection("journal").Insert(new BsonDocument { ["_id"] = 1 });

        Assert.Single(AbandonedTransactions.Of(database));
        database.Rollback();
        Assert.Empty(AbandonedTransactions.Of(database));
    }
}
