namespace FleetOps.Shared.Api;

/// <summary>
/// A cluster's labels as the hub holds them. <see cref="Labels"/> are the registry's (set by <c>register</c> and
/// <c>label</c>) and decide which groups select it; <see cref="AgentLabels"/> are what its agent last reported, facts
/// only, except the keys in <see cref="AgentKeysUsed"/>, which the hub's <c>Hub:AgentLabelKeys</c> lets its agent set
/// (where the registry does not). <see cref="ChangedBy"/> and <see cref="ChangedAt"/> say who last changed them.
/// </summary>
public sealed record ClusterLabels(
    string Id,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> AgentLabels,
    IReadOnlyList<string> AgentKeysUsed,
    string? ChangedBy = null,
    DateTimeOffset? ChangedAt = null,
    string? AgentLabelsDropped = null);
