using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Local;

/// <summary>One group as the store sees it: what the hub wants, what runs, and how the last run went.</summary>
public sealed record LocalGroupStatus(
    string Name,
    string? Path,
    string? DesiredRevision,
    string? AppliedRevision,
    Phase? Phase,
    string? Reason,
    string? Message,
    DateTimeOffset? Since);
