namespace FleetOps.Shared.Api;

/// <summary>A journal event as stored by the hub; <see cref="At"/> is when it happened on the store.</summary>
public sealed record EventView(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string? Group,
    string? Revision,
    string? Detail);
