using System.Text.Json.Nodes;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>
/// The commands of Mosquitto's dynamic-security control API (plugins/dynamic-security, 2.0) that the hub sends, as JSON.
/// Pure: what a cluster's and the hub's roles allow is decided here, beside the embedded broker's rule
/// (<see cref="Security.TopicAcl"/>), and checked against it in the unit tests.
/// </summary>
internal static class DynSecCommands
{
    public const string ControlTopic = "$CONTROL/dynamic-security/v1";
    public const string ResponseTopic = "$CONTROL/dynamic-security/v1/response";
    public const string HubRole = "fleetops-hub";

    public static string RoleOf(string clusterId) => $"fleetops-cluster-{clusterId}";

    /// <summary>
    /// What a cluster may do, exactly as <see cref="Security.TopicAcl"/>: publish its own hello, status, journal and
    /// presence (its Last Will too), subscribe to exactly its own desired and ack. Everything else stays at the plugin's
    /// default, which refuses publishing and subscribing.
    /// </summary>
    public static IReadOnlyList<(string Type, string Topic)> AgentAcls(string clusterId) =>
    [
        ("publishClientSend", Topics.Hello(clusterId)),
        ("publishClientSend", Topics.Status(clusterId)),
        ("publishClientSend", Topics.Journal(clusterId)),
        ("publishClientSend", Topics.Presence(clusterId)),
        ("subscribeLiteral", Topics.Desired(clusterId)),
        ("subscribeLiteral", Topics.Ack(clusterId)),
    ];

    /// <summary>
    /// What the hub's own user may do: publish desired and ack to every cluster (and clear their retained presence at
    /// deregistration), and take the agents' topics, shared between silos or not.
    /// </summary>
    public static IReadOnlyList<(string Type, string Topic)> HubAcls(string shareGroup) =>
    [
        ("publishClientSend", $"{Topics.Root}/+/{Topics.Segment(MessageKind.Desired)}"),
        ("publishClientSend", $"{Topics.Root}/+/{Topics.Segment(MessageKind.Ack)}"),
        ("publishClientSend", $"{Topics.Root}/+/{Topics.Segment(MessageKind.Presence)}"),
        ("subscribePattern", $"$share/{shareGroup}/{Topics.Root}/#"),
        ("subscribePattern", $"{Topics.Root}/#"),
    ];

    /// <summary>The role and the client, in one request: the client id must be the cluster id, as the embedded broker requires.</summary>
    public static IReadOnlyList<JsonObject> CreateCluster(string clusterId, string token) =>
    [
        CreateRole(RoleOf(clusterId), AgentAcls(clusterId)),
        new()
        {
            ["command"] = "createClient",
            ["username"] = clusterId,
            ["password"] = token,
            ["clientid"] = clusterId,
            ["textname"] = $"FleetOps cluster {clusterId}",
            ["roles"] = new JsonArray(new JsonObject { ["rolename"] = RoleOf(clusterId) }),
        },
    ];

    /// <summary>Mosquitto ends the client's live sessions when its password changes.</summary>
    public static JsonObject SetPassword(string clusterId, string token) =>
        new() { ["command"] = "setClientPassword", ["username"] = clusterId, ["password"] = token };

    /// <summary>Deleting a client ends its live sessions; its role goes with it.</summary>
    public static IReadOnlyList<JsonObject> DeleteCluster(string clusterId) =>
    [
        new() { ["command"] = "deleteClient", ["username"] = clusterId },
        new() { ["command"] = "deleteRole", ["rolename"] = RoleOf(clusterId) },
    ];

    public static JsonObject GetClient(string username) => new() { ["command"] = "getClient", ["username"] = username };

    public static JsonObject AddClientRole(string username, string role) =>
        new() { ["command"] = "addClientRole", ["username"] = username, ["rolename"] = role };

    public static JsonObject CreateRole(string role, IReadOnlyList<(string Type, string Topic)> acls)
    {
        var list = new JsonArray();
        foreach (var (type, topic) in acls)
            list.Add(new JsonObject { ["acltype"] = type, ["topic"] = topic, ["allow"] = true });
        return new JsonObject { ["command"] = "createRole", ["rolename"] = role, ["acls"] = list };
    }
}
