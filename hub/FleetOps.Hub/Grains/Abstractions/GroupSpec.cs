using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>A group's definition, target and standing render error, as the fleet grain holds them.</summary>
[GenerateSerializer, Immutable]
internal sealed record GroupSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] string Selector,
    [property: Id(3)] int? Line,
    [property: Id(4)] GroupTarget? Target,
    [property: Id(5)] FleetError? Error);
