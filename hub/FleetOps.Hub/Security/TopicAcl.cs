using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Security;

/// <summary>
/// The topic rule for agents: a cluster publishes only its own hello, status, journal and presence,
/// subscribes only to its own desired and ack, and its Last Will may only say it went offline.
/// </summary>
internal static class TopicAcl
{
    public static bool MayPublish(string clusterId, string topic) =>
        Topics.TryParse(topic, out var id, out var kind)
        && id == clusterId
        && kind is MessageKind.Hello or MessageKind.Status or MessageKind.Journal or MessageKind.Presence;

    public static bool MaySubscribe(string clusterId, string filter) =>
        filter == Topics.Desired(clusterId) || filter == Topics.Ack(clusterId);

    public static bool MayUseWill(string clusterId, string? willTopic) =>
        willTopic is null || willTopic == Topics.Presence(clusterId);
}
