using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// The parsed fleet.yaml: which groups exist, which folder each deploys and which clusters it selects.
/// Groups keep their file order, because a Conflict is reported on the later of two claiming groups.
/// </summary>
public sealed record FleetDefinition(string ApiVersion, IReadOnlyList<GroupDefinition> Groups)
{
    public const string SupportedApiVersion = "fleetops/v1";

    public IReadOnlyList<GroupDefinition> Groups { get; init => field = ValueList<GroupDefinition>.From(value); } =
        ValueList<GroupDefinition>.From(Groups);

    public GroupDefinition? FindGroup(string name) =>
        Groups.FirstOrDefault(group => string.Equals(group.Name, name, StringComparison.Ordinal));

    /// <summary>The groups whose selector matches a cluster with these labels, in file order.</summary>
    public IEnumerable<GroupDefinition> GroupsFor(IReadOnlyDictionary<string, string> clusterLabels) =>
        Groups.Where(group => group.Selector.Matches(clusterLabels));
}
