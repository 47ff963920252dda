namespace FleetOps.Shared.Contracts;

/// <summary>The v1 MQTT topic scheme: everything for one cluster sits under <c>fleetops/v1/clusters/{id}/</c>.</summary>
public static class Topics
{
    public const string Root = "fleetops/v1/clusters";

    public static string For(string clusterId, MessageKind kind) => $"{Root}/{clusterId}/{Segment(kind)}";

    public static string Desired(string clusterId) => For(clusterId, MessageKind.Desired);
    public static string Hello(string clusterId) => For(clusterId, MessageKind.Hello);
    public static string Status(string clusterId) => For(clusterId, MessageKind.Status);
    public static string Journal(string clusterId) => For(clusterId, MessageKind.Journal);
    public static string Ack(string clusterId) => For(clusterId, MessageKind.Ack);
    public static string Presence(string clusterId) => For(clusterId, MessageKind.Presence);

    /// <summary>The subtree a cluster may touch, as an MQTT filter.</summary>
    public static string Subtree(string clusterId) => $"{Root}/{clusterId}/#";

    /// <summary>A filter over every cluster for one kind; with a share group the hub silos split the load.</summary>
    public static string AllClusters(MessageKind kind, string? shareGroup = null) =>
        shareGroup is null ? $"{Root}/+/{Segment(kind)}" : $"$share/{shareGroup}/{Root}/+/{Segment(kind)}";

    public static string Segment(MessageKind kind) => kind switch
    {
        MessageKind.Desired => "desired",
        MessageKind.Hello => "hello",
        MessageKind.Status => "status",
        MessageKind.Journal => "journal",
        MessageKind.Ack => "ack",
        MessageKind.Presence => "presence",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown message kind"),
    };

    /// <summary>Splits a concrete topic into cluster id and kind; false for anything outside the v1 scheme.</summary>
    public static bool TryParse(string topic, out string clusterId, out MessageKind kind)
    {
        clusterId = "";
        kind = default;
        if (!topic.StartsWith(Root + "/", StringComparison.Ordinal))
            return false;
        var rest = topic.AsSpan(Root.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
            return false;
        var id = rest[..slash].ToString();
        if (!ClusterIds.IsValid(id))
            return false;
        MessageKind? parsed = rest[(slash + 1)..] switch
        {
            "desired" => MessageKind.Desired,
            "hello" => MessageKind.Hello,
            "status" => MessageKind.Status,
            "journal" => MessageKind.Journal,
            "ack" => MessageKind.Ack,
            "presence" => MessageKind.Presence,
            _ => null,
        };
        if (parsed is null)
            return false;
        clusterId = id;
        kind = parsed.Value;
        return true;
    }
}
