using LiteDB;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace FleetOps.Hub.Storage;

/// <summary>
/// Orleans grain storage in the hub's LiteDB file: one document per grain state, the state serialized
/// with Orleans' own version-tolerant serializer, and an integer ETag for optimistic concurrency.
/// </summary>
public sealed class LiteDbGrainStorage(HubDatabase database, Serializer serializer) : IGrainStorage
{
    private const string Collection = "grain_state";

    private readonly ILiteCollection<StoredGrainState> states = database.Database.GetCollection<StoredGrainState>(Collection);

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
        var next = await database.WriteAsync(db =>
        {
            var collection = db.GetCollection<StoredGrainState>(Collection);
            var current = collection.FindById(key);
            CheckETag(stateName, grainId, current, expected);
            var etag = (current?.ETag ?? 0) + 1;
            collection.Upsert(new StoredGrainState { Id = key, ETag = etag, Data = data });
            return etag;
        });
        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var expected = grainState.ETag;
        await database.WriteAsync(db =>
        {
            var collection = db.GetCollection<StoredGrainState>(Collection);
            CheckETag(stateName, grainId, collection.FindById(key), expected);
            return collection.Delete(key);
        });
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void CheckETag(string stateName, GrainId grainId, StoredGrainState? current, string? expected)
    {
        var actual = current?.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (actual != expected)
            throw new InconsistentStateException($"{stateName} of {grainId} was written by someone else (stored ETag {actual ?? "none"}, expected {expected ?? "none"})", actual, expected);
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
