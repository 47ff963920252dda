namespace FleetOps.Hub.Definitions;

/// <summary>
/// One group of fleet.yaml as the hub keeps it. <see cref="Selector"/> is the selector's canonical
/// kubectl string form ("" selects every cluster), so definitions compare and persist as plain data.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GroupDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Path,
    [property: Id(2)] string Selector,
    [property: Id(3)] int? Line);
