using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>A group's inventory as the cluster's agent last sent it, and when the hub received it.</summary>
[GenerateSerializer, Immutable]
internal sealed record HeldInventory([property: Id(0)] GroupInventory Inventory, [property: Id(1)] DateTimeOffset ReceivedAt);
