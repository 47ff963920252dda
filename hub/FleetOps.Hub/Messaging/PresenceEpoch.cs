namespace FleetOps.Hub.Messaging;

/// <summary>
/// When the agents' broker last started with no connection at all: the embedded broker starts and stops with the hub,
/// so every agent was cut off when the hub stopped, and a hub that crashed sent no Last Will for them. A presence
/// learned before then is unconfirmed until the agent speaks again. Null with an external broker, which outlives the
/// hub, keeps the sessions and fires the wills itself: the retained presence it redelivers is current.
/// </summary>
internal sealed class PresenceEpoch(DateTimeOffset? since)
{
    public DateTimeOffset? Since { get; } = since;
}
