using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>What a relabel came to: the cluster's labels after it, or why it was refused; both null when the cluster is not registered.</summary>
[GenerateSerializer, Immutable]
internal sealed record LabelOutcome(
    [property: Id(0)] ClusterLabels? Labels,
    [property: Id(1)] string? Problem)
{
    public static readonly LabelOutcome NotRegistered = new(null, null);
}
