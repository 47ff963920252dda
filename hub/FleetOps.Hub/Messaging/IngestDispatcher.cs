using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// Turns one MQTT message from an agent into one grain call. A payload that does not parse, names
/// another cluster or comes from an unregistered cluster is dropped, counted by code and logged once
/// per cluster and code; nothing an agent sends can crash the transport.
/// </summary>
internal sealed class IngestDispatcher(
    IGrainFactory grains, HubMetrics metrics, LogOnce logOnce, IOptions<MqttOptions> options, ILogger<IngestDispatcher> logger)
{
    private readonly WireCodec codec = new(new WireOptions(options.Value.MaxPayloadBytes));

    public const string UnknownCluster = "UnknownCluster";
    public const string UnexpectedKind = "UnexpectedKind";
    public const string ProcessingFailed = "ProcessingFailed";

    /// <summary>
    /// Parses at once and issues the grain call before returning, so calls for one cluster are issued
    /// in the order the broker delivered them; the task completes when the grain has processed it.
    /// </summary>
    public Task DispatchAsync(string topic, ReadOnlySpan<byte> payload)
    {
        var parsed = codec.Parse(topic, payload);
        if (!parsed.IsOk)
        {
            Refuse(topic, parsed.Error.Code.ToString(), parsed.Error.Message);
            return Task.CompletedTask;
        }
        var message = AgentText.Clean(parsed.Message);
        var cluster = grains.GetGrain<IClusterGrain>(message.ClusterId);
        Task<IngestOutcome>? call = message switch
        {
            HelloMessage hello => cluster.HelloAsync(hello.AsImmutable()),
            StatusMessage status => cluster.StatusAsync(status.AsImmutable()),
            JournalMessage journal => cluster.JournalAsync(journal.AsImmutable()),
            PresenceMessage presence => cluster.PresenceAsync(presence.AsImmutable()),
            _ => null,
        };
        if (call is null)
        {
            Refuse(topic, UnexpectedKind, $"{message.GetType().Name} is sent by the hub, not to it");
            return Task.CompletedTask;
        }
        Topics.TryParse(topic, out _, out var kind);
        metrics.MessageIn(kind);
        return CompleteAsync(topic, message.ClusterId, call);
    }

    private async Task CompleteAsync(string topic, string clusterId, Task<IngestOutcome> call)
    {
        try
        {
            if (await call == IngestOutcome.UnknownCluster)
                Refuse(topic, UnknownCluster, $"cluster '{clusterId}' is not registered");
        }
        catch (Exception e)
        {
            metrics.RefusedPayload(ProcessingFailed);
            if (logOnce.ShouldLog(clusterId, ProcessingFailed))
                logger.LogError(e, "Processing a message from {Cluster} on {Topic} failed", clusterId, topic);
        }
    }

    private void Refuse(string topic, string code, string reason)
    {
        metrics.RefusedPayload(code);
        var client = Topics.TryParse(topic, out var id, out _) ? id : topic;
        if (logOnce.ShouldLog(client, code))
            logger.LogWarning("Dropped a payload on {Topic} ({Code}): {Reason}; further ones like it from {Client} are only counted",
                topic, code, reason, client);
    }
}
