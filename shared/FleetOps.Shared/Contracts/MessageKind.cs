namespace FleetOps.Shared.Contracts;

/// <summary>The six v1 messages; the name is also the last topic segment.</summary>
public enum MessageKind
{
    Desired,
    Hello,
    Status,
    Journal,
    Ack,
    Presence,
}
