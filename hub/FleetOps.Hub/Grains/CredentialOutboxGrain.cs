using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Storage;

namespace FleetOps.Hub.Grains;

/// <summary>
/// The outbox of credentials changes for an external broker. A token stays in storage only until the broker confirmed
/// it (normally the same request); it is the price of registering stores while the broker is away.
/// </summary>
internal sealed class CredentialOutboxGrain(
    [PersistentState("credential-outbox", HubStorage.Name)] IPersistentState<CredentialOutboxState> state,
    TimeProvider time) : Grain, ICredentialOutboxGrain
{
    private CredentialOutboxState S => state.State;

    public async Task<PendingCredential> PutAsync(string clusterId, string? token)
    {
        var pending = new PendingCredential(clusterId, token, ++S.LastSeq, time.GetUtcNow());
        S.Pending[clusterId] = pending;
        await state.WriteStateAsync();
        return pending;
    }

    public async Task DoneAsync(PendingCredential applied)
    {
        if (S.Pending.TryGetValue(applied.ClusterId, out var current) && current.Seq == applied.Seq)
        {
            S.Pending.Remove(applied.ClusterId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<PendingCredential>> GetPendingAsync(DateTimeOffset queuedBefore) =>
        Task.FromResult<IReadOnlyList<PendingCredential>>(S.Pending.Values.Where(p => p.QueuedAt < queuedBefore).OrderBy(p => p.Seq).ToList());
}
