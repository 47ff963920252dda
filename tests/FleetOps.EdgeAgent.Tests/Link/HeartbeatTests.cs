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
using Xunit.Abstractions;

namespace FleetOps.EdgeAgent.Tests.Link;

/// <summary>
/// An idle store says it is alive: with nothing to report, its status goes out again every heartbeat interval, so the
/// hub's "stale" means the agent or its link is hung, not that the store is quiet.
/// </summary>
public sealed class HeartbeatTests : IDisposable
{
    private const string ClusterId = "store-1";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(5);

    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly IHubLink link = Substitute.For<IHubLink>();
    private readonly ConcurrentQueue<(MessageKind Kind, byte[] Payload, DateTimeOffset At)> sent = new();
    private readonly CancellationTokenSource stop = new();
    private readonly ITestOutputHelper output;

    public HeartbeatTests(ITestOutputHelper output)
    {
        this.output = output;
        link.IsConnected.Returns(true);
        link.PublishAsync(Arg.Any<MessageKind>(), Arg.Any<byte[]>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            sent.Enqueue((c.ArgAt<MessageKind>(0), c.ArgAt<byte[]>(1), time.GetUtcNow()));
            return Task.FromResult(true);
        });
    }

    private int Statuses => sent.Count(m => m.Kind == MessageKind.Status);

    [Fact]
    public async Task AnIdleStoreSendsItsStatusAgainEveryHeartbeatAndNothingInBetween()
    {
        using var store = new LiteAgentStore(dir.Path, ClusterId, 1000, time);
        var options = AgentOptions.Default with { ClusterId = ClusterId, DataDir = dir.Path, Link = LinkOptions.Default with { Heartbeat = Heartbeat } };
        var board = new StatusBoard(store);
        foreach (var group in new[] { "platform", "pos-east", "kitchen-display" })
            board.Update(new GroupStatus(group, Phase.Converged, Reasons.ReconciliationSucceeded, "applied 3f2a1c9: 6 unchanged",
                new string('3', 40), new string('3', 40), new ResourceCounts(6, 6), [], time.GetUtcNow()));
        var session = new HubSession(options, link, store, board,
            new DesiredStateIntake(options, store, Substitute.For<IDesiredStateListener>(), NullLogger<DesiredStateIntake>.Instance),
            Substitute.For<IResourceManager>(), time, NullLogger<HubSession>.Instance);
        var sender = Task.Run(() => session.RunAsync(stop.Token));
        session.StatusChanged();
        await Eventually.TrueAsync(() => Statuses == 1, "the first status goes out");

        // An hour of nothing happening, a minute at a time.
        for (var minute = 1; minute <= 60; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var expected = 1 + minute / 5;
            await Eventually.TrueAsync(() => Statuses == expected, $"{expected} statuses after {minute} idle minutes");
        }

        var beats = sent.Where(m => m.Kind == MessageKind.Status).Skip(1).ToList();
        Assert.Equal(12, beats.Count);
        Assert.All(beats.Zip(beats.Skip(1)), pair => Assert.Equal(Heartbeat, pair.Second.At - pair.First.At));
        Assert.DoesNotContain(sent, m => m.Kind != MessageKind.Status);
        var perHour = beats.Sum(b => b.Payload.Length);
        output.WriteLine($"heartbeat payload {beats[0].Payload.Length} bytes (3 groups); {perHour} bytes of payload per idle hour = {perHour * 8 / 3600.0 / 1000:F3} kbit/s");

        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task AHeartbeatThatFellDueWhileTheLastStatusWasStillGoingOutGoesAtOnce()
    {
        using var store = new LiteAgentStore(dir.Path, ClusterId, 1000, time);
        var options = AgentOptions.Default with { ClusterId = ClusterId, DataDir = dir.Path, Link = LinkOptions.Default with { Heartbeat = Heartbeat } };
        var board = new StatusBoard(store);
        board.Update(new GroupStatus("pos-east", Phase.Converged, Reasons.ReconciliationSucceeded, null,
            new string('3', 40), new string('3', 40), new ResourceCounts(6, 6), [], time.GetUtcNow()));
        // A slow link: the first status takes six (fake) minutes to go out.
        var slow = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = true;
        link.PublishAsync(Arg.Any<MessageKind>(), Arg.Any<byte[]>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            sent.Enqueue((c.ArgAt<MessageKind>(0), c.ArgAt<byte[]>(1), time.GetUtcNow()));
            if (!first)
                return Task.FromResult(true);
            first = false;
            return slow.Task;
        });
        var session = new HubSession(options, link, store, board,
            new DesiredStateIntake(options, store, Substitute.For<IDesiredStateListener>(), NullLogger<DesiredStateIntake>.Instance),
            Substitute.For<IResourceManager>(), time, NullLogger<HubSession>.Instance);
        var sender = Task.Run(() => session.RunAsync(stop.Token));
        session.StatusChanged();
        await Eventually.TrueAsync(() => Statuses == 1, "the first status is being sent");

        time.Advance(TimeSpan.FromMinutes(6));
        slow.SetResult(true);

        // Five minutes have passed since it was sent: the heartbeat is due now, with no more time passing.
        await Eventually.TrueAsync(() => Statuses == 2, "the heartbeat that fell due goes out");
        await stop.CancelAsync();
        await sender;
    }

    public void Dispose()
    {
        stop.Dispose();
        dir.Dispose();
    }
}
