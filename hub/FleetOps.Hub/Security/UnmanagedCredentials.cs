namespace FleetOps.Hub.Security;

/// <summary>
/// Nothing to tell a broker: the embedded broker's authenticator reads the registry's token hashes itself, and an
/// external broker without <c>Hub:Mqtt:Credentials=DynamicSecurity</c> is managed by its operators.
/// </summary>
internal sealed class UnmanagedCredentials : IAgentCredentials
{
    public Task SetAsync(string clusterId, string token, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RemoveAsync(string clusterId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
