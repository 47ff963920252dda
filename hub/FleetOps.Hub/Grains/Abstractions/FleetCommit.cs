using FleetOps.Shared.Api;
using FleetOps.Shared.Fleet;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>What the git watcher learned at a new head whose fleet.yaml is valid: the parsed groups and each group's render.</summary>
[GenerateSerializer, Immutable]
internal sealed record FleetCommit(
    [property: Id(0)] CommitInfo Commit,
    [property: Id(1)] IReadOnlyList<GroupDefinition> Definitions,
    [property: Id(2)] IReadOnlyList<GroupRender> Renders);
