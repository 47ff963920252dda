using System.Text.Json.Serialization;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// agent → hub, on change: a snapshot of every group the agent reconciles (and of every group it is still removing).
/// <see cref="Inventories"/> carries what a group owns only when that changed since the agent last sent it, and all of
/// them after every connect; null (an older agent, a heartbeat) leaves what the hub holds as it is.
/// </summary>
public sealed record StatusMessage(
    int V,
    string ClusterId,
    long Generation,
    DateTimeOffset At,
    IReadOnlyList<GroupStatus> Groups,
    // Left out rather than written as null: every heartbeat carries none, and the idle uplink is counted in bytes.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<GroupInventory>? Inventories = null) : IClusterMessage;
