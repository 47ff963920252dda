using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>An open watch: which objects it wants and the queue of serialized events its HTTP stream drains.</summary>
internal sealed class Watcher(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields)
{
    private readonly Channel<byte[]> channel = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<byte[]> Frames => channel.Reader;

    public bool Matches(JsonObject obj) => labels.Matches(obj["metadata"]?["labels"] as JsonObject) && fields.Matches(obj);

    /// <summary>
    /// Queues the event as this watch sees it, as the watch cache does: an object that starts matching is ADDED, one
    /// that stops is DELETED (with its last matching content at the change's resourceVersion). Under the cluster lock.
    /// </summary>
    public void Offer(WatchEvent e)
    {
        if (e.StoreKey != type.StoreKey || (ns is not null && e.Namespace != ns))
            return;

        var matchesNow = e.Type != "DELETED" && Matches(e.Object);
        var matchedBefore = e.Previous is not null && Matches(e.Previous);
        switch (matchesNow, matchedBefore)
        {
            case (true, false):
                channel.Writer.TryWrite(Wire.WatchFrame("ADDED", e.Object, type.ApiVersion));
                break;
            case (true, true):
                channel.Writer.TryWrite(Wire.WatchFrame(e.Type, e.Object, type.ApiVersion));
                break;
            case (false, true) when e.Type == "DELETED":
                channel.Writer.TryWrite(Wire.WatchFrame("DELETED", e.Object, type.ApiVersion));
                break;
            case (false, true):
                var left = (JsonObject)e.Previous!.DeepClone();
                left["metadata"]!["resourceVersion"] = e.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                channel.Writer.TryWrite(Wire.WatchFrame("DELETED", left, type.ApiVersion));
                break;
        }
    }

    public void Complete() => channel.Writer.TryComplete();
}
