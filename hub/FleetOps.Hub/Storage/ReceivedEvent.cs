using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Storage;

/// <summary>A journal event as the hub keeps it: as the store stamped it, and when the hub received it (null before that was kept).</summary>
internal sealed record ReceivedEvent(JournalEvent Event, DateTimeOffset? ReceivedAt)
{
    public EventView ToView(string? clusterId = null) => new(Event.Seq, Event.At, Event.Kind, Event.Group, Event.Revision, Event.Detail, ReceivedAt, Event.Changes, clusterId);
}
