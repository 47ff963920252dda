using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>
/// Keeps Mosquitto's dynamic security in step with the hub: at start it gives the hub's user its role, then every
/// few seconds it sends the credentials changes the broker has not confirmed (made while it was away), oldest first.
/// Any silo may do it; a change sent twice is harmless.
/// </summary>
internal sealed class CredentialSync(
    DynamicSecurityCredentials credentials,
    HubCredential hub,
    IGrainFactory grains,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<CredentialSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // A change this recent is still being sent by the request that made it.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        string? problem = null;
        var roleGiven = string.IsNullOrEmpty(hub.Username);
        if (roleGiven)
            logger.LogWarning("The hub connects to the MQTT broker without a username, so it cannot manage dynamic security; set Hub:Mqtt:Username and Password");
        do
        {
            try
            {
                if (!roleGiven)
                    roleGiven = await credentials.EnsureHubRoleAsync(hub.Username, options.Value.ShareGroup, stoppingToken);
                if (roleGiven)
                    await SendPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Once per distinct reason: a broker away for hours, or without the plugin loaded, is one line. Storage
                // the outbox cannot reach is retried the same way: this loop must outlive every passing fault.
                if (problem != e.Message)
                {
                    if (e is CredentialsRefusedException)
                        logger.LogError("The hub cannot manage the MQTT broker's dynamic security: {Reason}", e.Message);
                    else
                        logger.LogWarning("The MQTT broker's dynamic security is not in step with the hub yet: {Reason}", e.Message);
                }
                problem = e.Message;
                continue;
            }
            if (problem is not null)
                logger.LogInformation("The MQTT broker's dynamic security is in step with the hub again");
            problem = null;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendPendingAsync(CancellationToken stoppingToken)
    {
        var outbox = grains.GetGrain<ICredentialOutboxGrain>(ICredentialOutboxGrain.Key);
        foreach (var change in await outbox.GetPendingAsync(time.GetUtcNow() - Settle))
        {
            try
            {
                await credentials.ApplyAsync(change, stoppingToken);
                logger.LogInformation("Cluster {Cluster}: the MQTT broker took its credentials change queued at {QueuedAt}", change.ClusterId, change.QueuedAt);
            }
            catch (CredentialsRefusedException e)
            {
                // Sending it again would be refused again; the operator can rotate the token or deregister.
                logger.LogError("Cluster {Cluster}: dropped its queued credentials change: {Reason}", change.ClusterId, e.Message);
            }
            await outbox.DoneAsync(change);
        }
    }
}
