namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// Agents' credentials changes on their way to an external broker (one grain, key <see cref="Key"/>): each is written
/// here before it is sent and removed once the broker confirmed it, so a change made while the broker was away reaches
/// it when it returns, from whichever silo is connected. Only the latest change per cluster is kept.
/// </summary>
internal interface ICredentialOutboxGrain : IGrainWithStringKey
{
    const string Key = "credentials";

    /// <summary>Keeps the change (a token, or null to remove) in place of any earlier one of the cluster, and returns it.</summary>
    Task<PendingCredential> PutAsync(string clusterId, string? token);

    /// <summary>The broker confirmed <paramref name="applied"/>: forgotten, unless a later change of the cluster replaced it meanwhile.</summary>
    Task DoneAsync(PendingCredential applied);

    /// <summary>Changes queued before <paramref name="queuedBefore"/>: newer ones are still being sent by the silo that made them.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<PendingCredential>> GetPendingAsync(DateTimeOffset queuedBefore);
}
