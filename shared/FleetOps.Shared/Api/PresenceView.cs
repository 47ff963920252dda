using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>The agent's last presence and when the hub learned it; null state when it never said.</summary>
public sealed record PresenceView(PresenceState? State, DateTimeOffset? Since);
