namespace FleetOps.Benchmarks.FleetScale;

/// <summary>The traffic counters at one moment; subtract two to get a window's traffic.</summary>
public sealed record TrafficSnapshot(long MessagesUp, long BytesUp, long MessagesDown, long BytesDown)
{
    public static TrafficSnapshot operator -(TrafficSnapshot after, TrafficSnapshot before) =>
        new(after.MessagesUp - before.MessagesUp, after.BytesUp - before.BytesUp,
            after.MessagesDown - before.MessagesDown, after.BytesDown - before.BytesDown);
}
