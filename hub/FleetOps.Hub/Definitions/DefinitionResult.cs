namespace FleetOps.Hub.Definitions;

/// <summary>Either the groups of a valid fleet.yaml or the first reason it is invalid.</summary>
public sealed record DefinitionResult(IReadOnlyList<GroupDefinition>? Groups, DefinitionError? Error)
{
    public static DefinitionResult Ok(IReadOnlyList<GroupDefinition> groups) => new(groups, null);

    public static DefinitionResult Fail(DefinitionError error) => new(null, error);
}
