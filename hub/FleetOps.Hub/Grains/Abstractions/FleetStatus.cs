using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>The fleet grain's view: accepted commit, groups, standing errors and the last head it looked at.</summary>
[GenerateSerializer, Immutable]
internal sealed record FleetStatus(
    [property: Id(0)] CommitInfo? Commit,
    [property: Id(1)] IReadOnlyList<GroupSpec> Groups,
    [property: Id(2)] IReadOnlyList<FleetError> Errors,
    [property: Id(3)] string? LastHead,
    [property: Id(4)] IReadOnlyList<RemovedGroup>? Removed = null);
