using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>What applying a commit changed: groups whose target moved, and the errors now standing.</summary>
[GenerateSerializer, Immutable]
internal sealed record FleetCommitOutcome(
    [property: Id(0)] IReadOnlyList<string> MovedGroups,
    [property: Id(1)] bool DefinitionsChanged,
    [property: Id(2)] IReadOnlyList<FleetError> Errors);
