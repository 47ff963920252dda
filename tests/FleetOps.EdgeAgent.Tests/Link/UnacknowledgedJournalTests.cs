using System.Collections.Concurrent;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Link;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Link;

/// <summary>
/// Journal events the hub never acknowledged are sent again without waiting for a reconnect: an external broker
/// (Mosquitto) drops what an agent publishes while no hub silo is subscribed, as when the agent is back from a broker
/// restart before the hub is, and the agent's connection never dropped again to make it resend.
/// </summary>
public sealed class UnacknowledgedJournalTests : IDisposable
{
    private const string ClusterId = "store-1";

    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly IHubLink link = Substitute.For<IHubLink>();
    private readonly ConcurrentQueue<IReadOnlyList<long>> batches = new();
    private readonly CancellationTokenSource stop = new();

    public UnacknowledgedJournalTests()
    {
        link.IsConnected.Returns(true);
        link.PublishAsync(Arg.Any<MessageKind>(), Arg.Any<byte[]>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            if (c.ArgAt<MessageKind>(0) == MessageKind.Journal)
            {
                var journal = WireCodec.Default.Parse<JournalMessage>(Topics.Journal(ClusterId), c.ArgAt<byte[]>(1));
                batches.Enqueue(journal.Message!.Events.Select(e => e.Seq).ToList());
            }
            return Task.FromResult(true);
        });
    }

    [Fact]
    public async Task JournalEventsTheHubNeverAcknowledgedAreSentAgainAndOnceAcknowledgedNoMore()
    {
        using var store = new LiteAgentStore(dir.Path, ClusterId, 1000, time);
        var options = AgentOptions.Default with { ClusterId = ClusterId, DataDir = dir.Path };
        var session = new HubSession(options, link, store, new StatusBoard(store),
            new DesiredStateIntake(options, store, Substitute.For<IDesiredStateListener>(), NullLogger<DesiredStateIntake>.Instance),
            Substitute.For<IResourceManager>(), time, NullLogger<HubSession>.Instance);
        store.Appended += session.Kick;
        var sender = Task.Run(() => session.RunAsync(stop.Token));
        foreach (var _ in Enumerable.Range(0, 3))
            store.Append(JournalEventKinds.Applied, "platform");
        await Eventually.TrueAsync(() => batches.SelectMany(b => b).Distinct().Count() == 3, "the three events go out");
        var first = batches.Count;

        // No ack comes: the hub never got them.
        await Eventually.TrueAsync(() => batches.Count > first, "the unacknowledged events are sent again",
            advance: time, step: TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3], batches.Last());

        store.Acknowledge(3);
        var acknowledged = batches.Count;
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Yield();
        }
        store.Append(JournalEventKinds.Applied, "platform");
        await Eventually.TrueAsync(() => batches.Count > acknowledged, "the next event goes out");
        Assert.Equal([4], Assert.Single(batches.Skip(acknowledged)));

        await stop.CancelAsync();
        await sender;
    }

    public void Dispose()
    {
        stop.Dispose();
        dir.Dispose();
    }
}
