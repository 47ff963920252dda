namespace FleetOps.Hub.Security;

/// <summary>
/// Where agents' MQTT credentials live besides the hub's registry. The embedded broker reads the registry itself, so
/// there is nothing to do; an external Mosquitto must be told (its dynamic-security plugin). Chosen once at composition.
/// </summary>
internal interface IAgentCredentials
{
    /// <summary>
    /// The cluster may connect with <paramref name="token"/> and nothing older; a live session with an older one ends.
    /// Throws <see cref="CredentialsRefusedException"/> when the broker answers with an error; a broker that cannot be
    /// reached gets the change later (the hub keeps it until the broker confirms it).
    /// </summary>
    Task SetAsync(string clusterId, string token, CancellationToken cancellationToken = default);

    /// <summary>The cluster may no longer connect; its live session ends. Kept for later, as <see cref="SetAsync"/>, when the broker is away.</summary>
    Task RemoveAsync(string clusterId, CancellationToken cancellationToken = default);
}
