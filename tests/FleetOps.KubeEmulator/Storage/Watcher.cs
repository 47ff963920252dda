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

    /// <summary>Queues the event if this watch wants it; called under the cluster lock.</summary>
    public void Offer(WatchEvent e)
    {
        if (e.StoreKey == type.StoreKey && (ns is null || e.Namespace == ns) && Matches(e.Object))
            channel.Writer.TryWrite(Wire.WatchFrame(e.Type, e.Object, type.ApiVersion));
    }

    public void Complete() => channel.Writer.TryComplete();
}
