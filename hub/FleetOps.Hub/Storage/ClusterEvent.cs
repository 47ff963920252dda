namespace FleetOps.Hub.Storage;

/// <summary>A journal event with the cluster it came from, for listings across the fleet.</summary>
internal sealed record ClusterEvent(string ClusterId, ReceivedEvent Event);
