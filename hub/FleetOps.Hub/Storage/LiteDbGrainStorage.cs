using LiteDB;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Orleans grain storage in the hub's LiteDB file: one document per grain state, the state serialized
/// with Orleans' own version-tolerant serializer, and an integer ETag for optimistic concurrency.
/// </summary>
internal sealed class LiteDbGrainStorage(HubDatabase database, Serializer serializer) : IGrainStorage
{
    public const string Collection = "grain_state";

    private readonly ILiteCollection<StoredGrainState> states = database.Database.GetCollection<StoredGrainState>(Collection);

    // Stored ETags, known once read or written. Every write goes through the database's single writer,
    // so this stays exact and a write needs no read of the stored document to check its ETag. It learns
    // a written ETag only once the batch holding the write has committed: a rolled-back batch leaves the
    // stored document as it was, and a cache ahead of it would refuse every later write of that grain.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> etags = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = states.FindById(Key(stateName, grainId));
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
        etags[stored.Id] = stored.ETag;
        grainState.State = serializer.Deserialize<T>(stored.Data);
        grainState.ETag = stored.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var data = serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag;
        long next;
        try
        {
            next = await database.WriteAsync(db =>
            {
                var collection = db.GetCollection<StoredGrainState>(Collection);
                var current = StoredETag(collection, key);
                CheckETag(stateName, grainId, current, expected);
                var etag = (current ?? 0) + 1;
                collection.Upsert(new StoredGrainState { Id = key, ETag = etag, Data = data });
                return etag;
            });
        }
        catch
        {
            // The batch may have been rolled back: the next write reads the stored ETag again.
            etags.TryRemove(key, out _);
            throw;
        }
        etags[key] = next;
        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var expected = grainState.ETag;
        try
        {
            await database.WriteAsync(db =>
            {
                var collection = db.GetCollection<StoredGrainState>(Collection);
                CheckETag(stateName, grainId, StoredETag(collection, key), expected);
                return collection.Delete(key);
            });
        }
        finally
        {
            etags.TryRemove(key, out _);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private long? StoredETag(ILiteCollection<StoredGrainState> collection, string key) =>
        etags.TryGetValue(key, out var known) ? known : collection.FindById(key)?.ETag;

    private static void CheckETag(string stateName, GrainId grainId, long? current, string? expected)
    {
        var actual = current?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (actual != expected)
            throw new InconsistentStateException($"{stateName} of {grainId} was written by someone else (stored ETag {actual ?? "none"}, expected {expected ?? "none"})", actual, expected);
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
