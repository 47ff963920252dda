using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>A group rendered at the commit being applied: its digest and object count, or the render error.</summary>
[GenerateSerializer, Immutable]
internal sealed record GroupRender(
    [property: Id(0)] string Group,
    [property: Id(1)] string? Digest,
    [property: Id(2)] int Objects,
    [property: Id(3)] FleetError? Error);
