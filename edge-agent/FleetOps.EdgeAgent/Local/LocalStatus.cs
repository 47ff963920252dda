using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Local;

/// <summary>What <c>fleetops-agent status</c> shows: the store's state as its data dir holds it, no network needed.</summary>
/// <param name="Source">"agent" when the running agent answered, "data dir" when the state file was read directly.</param>
/// <param name="Link">The running agent's link to the hub: "connected", why it is down (an untrusted certificate, say), or null when not known.</param>
public sealed record LocalStatus(
    string? ClusterId,
    string Source,
    long Generation,
    DateTimeOffset? LastContact,
    int Unsent,
    long LastSeq,
    long AckedSeq,
    IReadOnlyList<LocalGroupStatus> Groups,
    IReadOnlyList<JournalEvent> LastEvents,
    string? Link = null);
