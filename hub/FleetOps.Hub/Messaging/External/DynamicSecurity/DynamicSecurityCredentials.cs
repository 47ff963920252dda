using System.Diagnostics;
using System.Text.Json.Nodes;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Security;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>
/// Agents' credentials in Mosquitto's dynamic-security plugin: per cluster a client (username = client id = cluster
/// id, password = its token) with a role of its own allowing exactly its topics. Every change goes through the
/// <see cref="ICredentialOutboxGrain"/> first, so one the broker did not get (away, or not answering) is sent again by
/// <see cref="CredentialSync"/>; one the broker refused is the caller's to report.
/// </summary>
internal sealed class DynamicSecurityCredentials(
    DynSecConnection connection,
    IGrainFactory grains,
    ILogger<DynamicSecurityCredentials> logger) : IAgentCredentials
{
    private static readonly TimeSpan QuickFailure = TimeSpan.FromSeconds(2);

    private ICredentialOutboxGrain Outbox => grains.GetGrain<ICredentialOutboxGrain>(ICredentialOutboxGrain.Key);

    public Task SetAsync(string clusterId, string token, CancellationToken cancellationToken = default) => ChangeAsync(clusterId, token, cancellationToken);

    public Task RemoveAsync(string clusterId, CancellationToken cancellationToken = default) => ChangeAsync(clusterId, null, cancellationToken);

    /// <summary>Sends one queued change; throws <see cref="BrokerUnreachableException"/> or <see cref="CredentialsRefusedException"/>.</summary>
    public async Task ApplyAsync(PendingCredential change, CancellationToken cancellationToken)
    {
        var id = change.ClusterId;
        if (change.Token is null)
        {
            var deleted = await connection.SendAsync(DynSecCommands.DeleteCluster(id), cancellationToken);
            // Gone already (a retry, another silo) is what was wanted.
            Check(id, deleted[0], "Client not found");
            Check(id, deleted[1], "Role not found");
            return;
        }
        var created = await connection.SendAsync(DynSecCommands.CreateCluster(id, change.Token), cancellationToken);
        Check(id, created[0], "Role already exists");
        if (created[1].Error == "Client already exists")
        {
            // A rotation, or a retry of a registration: Mosquitto ends the client's sessions when its password changes.
            var set = await connection.SendAsync([DynSecCommands.SetPassword(id, change.Token)], cancellationToken);
            Check(id, set[0]);
            return;
        }
        Check(id, created[1]);
    }

    /// <summary>
    /// Gives the hub's own user its role (publish desired and ack, take the agents' topics), unless it has it. True once
    /// it has; false when the role was just given: Mosquitto then disconnects every connection of that user (this one
    /// too, maybe before it answers), and the next call confirms it.
    /// </summary>
    public async Task<bool> EnsureHubRoleAsync(string username, string shareGroup, CancellationToken cancellationToken)
    {
        var client = (await connection.SendAsync([DynSecCommands.GetClient(username)], cancellationToken))[0];
        Check(username, client);
        var roles = client.Data?["client"]?["roles"] as JsonArray ?? [];
        if (roles.Any(r => r?["rolename"]?.GetValue<string>() == DynSecCommands.HubRole))
            return true;
        logger.LogInformation("Giving the hub's MQTT user {User} the role {Role} on the broker, which reconnects that user once to apply it",
            username, DynSecCommands.HubRole);
        try
        {
            var added = await connection.SendAsync(
                [DynSecCommands.CreateRole(DynSecCommands.HubRole, DynSecCommands.HubAcls(shareGroup)), DynSecCommands.AddClientRole(username, DynSecCommands.HubRole)],
                cancellationToken);
            Check(username, added[0], "Role already exists");
            Check(username, added[1]);
        }
        catch (BrokerUnreachableException)
        {
            // The answer was lost to the disconnect that applies the role, or the broker went away: the next call tells.
        }
        return false;
    }

    private async Task ChangeAsync(string clusterId, string? token, CancellationToken cancellationToken)
    {
        var pending = await Outbox.PutAsync(clusterId, token);
        try
        {
            await ApplyWithOneQuickRetryAsync(pending, cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            logger.LogWarning("Cluster {Cluster}: the MQTT broker did not take its credentials change ({Reason}); the hub sends it again when the broker answers",
                clusterId, e.Message);
            return;
        }
        catch (CredentialsRefusedException)
        {
            await Outbox.DoneAsync(pending);
            throw;
        }
        await Outbox.DoneAsync(pending);
    }

    /// <summary>
    /// A connection that failed at once is made again and the change sent once more before it is left to the outbox:
    /// Mosquitto ends every session of the hub's user when that user is given a role (at the hub's first start), and a
    /// registration caught in that moment would otherwise be refused to its agent for seconds, until the outbox's
    /// resend. A broker that did not answer in time is not asked twice: the caller has waited long enough.
    /// </summary>
    private async Task ApplyWithOneQuickRetryAsync(PendingCredential pending, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ApplyAsync(pending, cancellationToken);
        }
        catch (BrokerUnreachableException) when (Stopwatch.GetElapsedTime(started) < QuickFailure)
        {
            await ApplyAsync(pending, cancellationToken);
        }
    }

    private static void Check(string subject, DynSecResponse response, string? alreadyDone = null)
    {
        if (response.Error is { } error && error != alreadyDone)
            throw new CredentialsRefusedException($"the MQTT broker's dynamic-security plugin refused {response.Command} for '{subject}': {error}");
    }
}
