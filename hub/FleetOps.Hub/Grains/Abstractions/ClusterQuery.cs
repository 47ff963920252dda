using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// Filters of <c>GET /api/v1/clusters</c>; every one that is set must hold. <see cref="StaleFor"/> keeps
/// online clusters silent for at least that long.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record ClusterQuery(
    [property: Id(0)] string? Group = null,
    [property: Id(1)] Phase? Phase = null,
    [property: Id(2)] string? Selector = null,
    [property: Id(3)] TimeSpan? StaleFor = null);
