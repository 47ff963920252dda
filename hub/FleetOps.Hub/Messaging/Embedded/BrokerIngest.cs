using System.Buffers;
using FleetOps.Hub.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace FleetOps.Hub.Messaging.Embedded;

/// <summary>
/// An agent's message that passed the topic rule (its Last Will included) goes straight to the
/// <see cref="IngestDispatcher"/> and is not routed further: MQTTnet matches every routed message against
/// every session's subscriptions, so with thousands of agents connected routing them to a subscriber of
/// the hub's would cost more CPU than processing them.
/// </summary>
internal sealed class BrokerIngest(IngestDispatcher dispatcher, IOptions<MqttOptions> options) : IDisposable
{
    private readonly SemaphoreSlim inFlight = new(Math.Max(1, options.Value.MaxInFlight));

    public async Task TakeAsync(InterceptingPublishEventArgs args)
    {
        // Waiting here holds back this agent's connection, not others: backpressure where the load comes from.
        await inFlight.WaitAsync(args.CancellationToken);
        Task work;
        try
        {
            var message = args.ApplicationMessage;
            var payload = message.Payload;
            work = payload.IsSingleSegment
                ? dispatcher.DispatchAsync(message.Topic, payload.FirstSpan)
                : dispatcher.DispatchAsync(message.Topic, payload.ToArray());
        }
        catch
        {
            inFlight.Release();
            throw;
        }
        args.ProcessPublish = false;
        _ = ReleaseWhenDoneAsync(work);
    }

    public void Dispose() => inFlight.Dispose();

    private async Task ReleaseWhenDoneAsync(Task work)
    {
        try
        {
            await work;
        }
        finally
        {
            inFlight.Release();
        }
    }
}
