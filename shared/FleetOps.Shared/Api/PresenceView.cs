using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// The agent's last presence and when the hub learned it; null state when it never said. <see cref="UnconfirmedUntil"/>
/// is set while the presence is a leftover from before the hub started (the agent has not said hello since): the hub
/// takes the cluster as Offline at that time unless it hears from it first.
/// </summary>
public sealed record PresenceView(PresenceState? State, DateTimeOffset? Since, DateTimeOffset? UnconfirmedUntil = null);
