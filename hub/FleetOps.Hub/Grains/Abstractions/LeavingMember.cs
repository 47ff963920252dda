using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>A shard's answer about one store that still holds a group it left.</summary>
[GenerateSerializer, Immutable]
internal sealed record LeavingMember([property: Id(0)] string Group, [property: Id(1)] RemovalMember Member);
