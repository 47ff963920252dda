using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/clusters/{id}</c>: what <c>fleetops cluster ID</c> shows. <see cref="Generation"/> is
/// the hub's latest desired generation, <see cref="AgentGeneration"/> the one the agent last said it
/// holds; <see cref="AckedSeq"/> is the highest journal seq the hub has persisted and acknowledged.
/// <see cref="RecentEvents"/> holds the newest journal events, newest last. <see cref="Phase"/> is the hub's
/// view (Offline while the agent is offline); <see cref="LastPhase"/> is the worst of the phases the agent
/// last reported, so an offline cluster still shows where it was; null when it never reported.
/// <see cref="StatusAt"/> is the time on the agent's latest status, by its clock; <see cref="StatusReceivedAt"/> when the
/// hub got it, by the hub's: a status goes out as it is made, so a difference of minutes is the store's clock.
/// <see cref="StateProblem"/> says why the hub could not read (or set aside part of) the cluster's stored
/// state; null when it was read whole.
/// <see cref="Renderer"/> is the store's kustomize tool and version as its agent last said in its hello.
/// <see cref="Labels"/> are the registry's, which select groups; <see cref="LabelInfo"/> adds what the agent reports beside
/// them and who last changed them (null from hubs before it).
/// </summary>
public sealed record ClusterDetail(
    string Id,
    IReadOnlyDictionary<string, string> Labels,
    Phase Phase,
    PresenceView Presence,
    DateTimeOffset? LastSeen,
    bool Stale,
    DateTimeOffset RegisteredAt,
    long Generation,
    long? AgentGeneration,
    string? AgentVersion,
    string? KubernetesVersion,
    long AckedSeq,
    IReadOnlyList<ClusterGroupView> Groups,
    IReadOnlyList<EventView> RecentEvents,
    Phase? LastPhase = null,
    DateTimeOffset? StatusAt = null,
    DateTimeOffset? StatusReceivedAt = null,
    string? StateProblem = null,
    string? Renderer = null,
    ClusterLabels? LabelInfo = null);
