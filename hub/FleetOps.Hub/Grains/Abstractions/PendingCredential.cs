namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// A credentials change the broker has not confirmed yet: the cluster's new token (so the broker can be given it when it
/// returns: it needs the password itself, and the registry keeps only a hash), or none for a removal. <see cref="Seq"/>
/// tells a later change of the same cluster from this one.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record PendingCredential(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] string? Token,
    [property: Id(2)] long Seq,
    [property: Id(3)] DateTimeOffset QueuedAt);
