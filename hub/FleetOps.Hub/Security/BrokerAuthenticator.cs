using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace FleetOps.Hub.Security;

/// <summary>
/// The embedded broker's rules: who may connect (a registered cluster with its token, client id =
/// username = cluster id, Last Will on its own presence), and what each may publish and subscribe to
/// (<see cref="TopicAcl"/>). What the hub injects carries <see cref="HubSessionItems"/> and passes.
/// Every refusal is counted and logged once per client and reason.
/// </summary>
internal sealed class BrokerAuthenticator(
    IGrainFactory grains,
    HubMetrics metrics,
    LogOnce logOnce,
    ILogger<BrokerAuthenticator> logger)
{
    private const string RoleKey = "fleetops.role";
    private const string HubRole = "hub";
    private const string ClusterRole = "cluster";
    private const string RevocationKey = "fleetops.revocation";

    // Per cluster, how many times what it authenticated with was revoked (token replaced, deregistered). A connect
    // whose token check overlapped a revocation is refused; one that got through just before is ended once connected.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> revocations = new(StringComparer.Ordinal);

    /// <summary>From now on, nothing validated before this counts for <paramref name="clusterId"/>.</summary>
    public void Revoke(string clusterId) => revocations.AddOrUpdate(clusterId, 1, (_, count) => count + 1);

    /// <summary>Whether the session was validated before a revocation of its cluster.</summary>
    public bool IsRevoked(string clusterId, System.Collections.IDictionary sessionItems) =>
        IsCluster(sessionItems) && sessionItems[RevocationKey] is long seen && seen != Revocations(clusterId);

    private long Revocations(string clusterId) => revocations.GetValueOrDefault(clusterId);

    public async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        var id = args.UserName;
        if (!ClusterIds.IsValid(id))
        {
            Refuse(args, "bad_credentials", MqttConnectReasonCode.BadUserNameOrPassword);
            return;
        }
        if (args.ClientId != id)
        {
            Refuse(args, "client_id_mismatch", MqttConnectReasonCode.ClientIdentifierNotValid);
            return;
        }
        if (WillTopic.TryRead(args, out var will) && !TopicAcl.MayUseWill(id, will))
        {
            Refuse(args, "foreign_will", MqttConnectReasonCode.NotAuthorized);
            return;
        }
        var revoked = Revocations(id);
        if (string.IsNullOrEmpty(args.Password)
            || !await ClusterDirectory.For(grains, id).VerifyTokenAsync(id, Tokens.Hash(args.Password)))
        {
            Refuse(args, "bad_credentials", MqttConnectReasonCode.BadUserNameOrPassword);
            return;
        }
        if (Revocations(id) != revoked)
        {
            Refuse(args, "token_revoked", MqttConnectReasonCode.BadUserNameOrPassword);
            return;
        }
        args.SessionItems[RoleKey] = ClusterRole;
        args.SessionItems[RevocationKey] = revoked;
    }

    public Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        if (IsHub(args.SessionItems))
            return Task.CompletedTask;
        var topic = args.ApplicationMessage.Topic;
        if (args.ClientId is { } id && TopicAcl.MayPublish(id, topic))
            return Task.CompletedTask;
        args.ProcessPublish = false;
        args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        metrics.RefusedPublish();
        if (logOnce.ShouldLog(args.ClientId ?? "", "publish"))
            logger.LogWarning("Refused publish by {Client} to {Topic}: a cluster may publish only its own hello, status, journal and presence",
                args.ClientId, topic);
        return Task.CompletedTask;
    }

    public Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        if (IsHub(args.SessionItems))
            return Task.CompletedTask;
        var filter = args.TopicFilter.Topic;
        if (args.ClientId is { } id && TopicAcl.MaySubscribe(id, filter))
            return Task.CompletedTask;
        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        metrics.RefusedSubscription();
        if (logOnce.ShouldLog(args.ClientId ?? "", "subscribe"))
            logger.LogWarning("Refused subscription by {Client} to {Filter}: a cluster may subscribe only to its own desired and ack",
                args.ClientId, filter);
        return Task.CompletedTask;
    }

    /// <summary>Session items that mark a message the hub injects into the broker as the hub's own.</summary>
    public static System.Collections.IDictionary HubSessionItems() => new System.Collections.Hashtable { [RoleKey] = HubRole };

    public static bool IsCluster(System.Collections.IDictionary items) => items[RoleKey] as string == ClusterRole;

    private static bool IsHub(System.Collections.IDictionary items) => items[RoleKey] as string == HubRole;

    private void Refuse(ValidatingConnectionEventArgs args, string reason, MqttConnectReasonCode code)
    {
        args.ReasonCode = code;
        metrics.RefusedClient(reason);
        if (logOnce.ShouldLog(args.UserName ?? args.ClientId ?? "", reason))
            logger.LogWarning("Refused MQTT client {Client} (user {User}) from {Endpoint}: {Reason}",
                args.ClientId, args.UserName, args.RemoteEndPoint, reason);
    }
}
