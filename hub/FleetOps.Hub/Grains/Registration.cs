namespace FleetOps.Hub.Grains;

/// <summary>A registered cluster: the SHA-256 of its token (hex) and when it was registered.</summary>
[GenerateSerializer, Immutable]
internal sealed record Registration(
    [property: Id(0)] string TokenHash,
    [property: Id(1)] DateTimeOffset RegisteredAt);
