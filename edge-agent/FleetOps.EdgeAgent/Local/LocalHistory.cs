using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Local;

/// <summary>What <c>fleetops-agent history</c> shows: the newest events, oldest first; those after <see cref="AckedSeq"/> the hub has not stored yet.</summary>
public sealed record LocalHistory(string Source, long AckedSeq, IReadOnlyList<JournalEvent> Events);
