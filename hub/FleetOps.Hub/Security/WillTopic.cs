using System.Reflection;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace FleetOps.Hub.Security;

/// <summary>
/// Reads the Last Will topic of a connecting client. MQTTnet 5 does not expose it on
/// <see cref="ValidatingConnectionEventArgs"/>, only in the private CONNECT packet; if a later MQTTnet
/// renames that field this returns false and the publish-time rule still stops a foreign will.
/// </summary>
internal static class WillTopic
{
    private static readonly FieldInfo? ConnectPacket =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", BindingFlags.Instance | BindingFlags.NonPublic);

    public static bool TryRead(ValidatingConnectionEventArgs args, out string? willTopic)
    {
        willTopic = null;
        if (ConnectPacket?.GetValue(args) is not MqttConnectPacket packet)
            return false;
        willTopic = packet.WillFlag ? packet.WillTopic : null;
        return true;
    }
}
