using FleetOps.Shared.Contracts;
using LiteDB;
using Json = System.Text.Json.JsonSerializer;

namespace FleetOps.EdgeAgent.State;

/// <summary>A journal event as one document of the agent's LiteDB file; a compacted summary carries how many it stands for (<c>n</c>) and since when.</summary>
internal static class JournalDocument
{
    public static DateTimeOffset At(BsonDocument d) => new(d["at"].AsInt64, TimeSpan.Zero);

    public static BsonDocument FromEvent(JournalEvent e, long compacted, DateTimeOffset? from)
    {
        var doc = new BsonDocument
        {
            ["_id"] = e.Seq,
            ["at"] = e.At.UtcTicks,
            ["kind"] = e.Kind,
            ["group"] = e.Group,
            ["rev"] = e.Revision,
            ["detail"] = e.Detail,
        };
        // Kept as the wire's JSON: the hub reads exactly what the store wrote, and older files simply lack the key.
        if (e.Changes is { } changes)
            doc["changes"] = Json.Serialize(changes, ContractsJsonContext.Default.IReadOnlyListObjectChange);
        if (compacted > 0)
        {
            doc["n"] = compacted;
            doc["from"] = from!.Value.UtcTicks;
        }
        if (e.FirstSeq is { } first)
            doc["fs"] = first;
        return doc;
    }

    public static JournalEvent ToEvent(BsonDocument d) => new(
        d["_id"].AsInt64,
        At(d),
        d["kind"].AsString,
        LiteAgentStore.NullableString(d["group"]),
        LiteAgentStore.NullableString(d["rev"]),
        LiteAgentStore.NullableString(d["detail"]),
        d["fs"].IsNull ? null : d["fs"].AsInt64,
        d.TryGetValue("changes", out var changes) && changes.IsString
            ? Json.Deserialize(changes.AsString, ContractsJsonContext.Default.IReadOnlyListObjectChange)
            : null);
}
