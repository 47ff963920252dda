namespace FleetOps.Shared.Contracts;

/// <summary>Limits a receiver enforces before it parses anything.</summary>
public sealed record WireOptions(int MaxPayloadBytes)
{
    public const int DefaultMaxPayloadBytes = 256 * 1024;

    public static readonly WireOptions Default = new(DefaultMaxPayloadBytes);
}
