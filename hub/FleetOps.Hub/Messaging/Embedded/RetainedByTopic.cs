using System.Collections.Concurrent;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// What the hub retains in the embedded broker (each cluster's desired state), kept by exact topic. MQTTnet's own
/// retained store matches every retained message against the filter of every SUBSCRIBE, so with 10,000 clusters each
/// reconnecting agent cost 20,000 topic comparisons and the reconnect storm after a hub restart grew with the square of
/// the fleet. Agents may only subscribe to their own exact topics (<see cref="Security.TopicAcl"/>), so a lookup is enough.
/// </summary>
internal sealed class RetainedByTopic
{
    private readonly ConcurrentDictionary<string, byte[]> messages = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="payload"/> for <paramref name="topic"/>; an empty payload clears it, as in MQTT.</summary>
    public void Set(string topic, byte[] payload)
    {
        if (payload.Length == 0)
            messages.TryRemove(topic, out _);
        else
            messages[topic] = payload;
    }

    public byte[]? Get(string topic) => messages.TryGetValue(topic, out var payload) ? payload : null;
}
