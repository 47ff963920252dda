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
    private readonly ILiteCollection<StoredGrainState> states = database.Database.GetCollection<StoredGrainState>("grain_state");

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

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var current = states.FindById(key);
        CheckETag(stateName, grainId, current, grainState.ETag);
        var next = (current?.ETag ?? 0) + 1;
        states.Upsert(new StoredGrainState { Id = key, ETag = next, Data = serializer.SerializeToArray(grainState.State) });
        grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        CheckETag(stateName, grainId, states.FindById(key), grainState.ETag);
        states.Delete(key);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void CheckETag(string stateName, GrainId grainId, StoredGrainState? current, string? expected)
    {
        var actual = current?.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (actual != expected)
            throw new InconsistentStateException($"{stateName} of {grainId} was written by someone else (stored ETag {actual ?? "none"}, expected {expected ?? "none"})", actual, expected);
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
