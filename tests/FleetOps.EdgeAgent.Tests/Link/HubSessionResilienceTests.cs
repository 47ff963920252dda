using System.Collections.Concurrent;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Link;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Doubles;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace FleetOps.EdgeAgent.Tests.Link;

/// <summary>The sender loop outlives errors from the link and the store: status and journal keep flowing to the hub.</summary>
public sealed class HubSessionResilienceTests : IDisposable
{
    private const string ClusterId = "store-1";

    private readonly TempDir dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly IHubLink link = Substitute.For<IHubLink>();
    private readonly RecordingLoggerProvider logs = new();
    private readonly ILoggerFactory loggers;
    private readonly ConcurrentQueue<(MessageKind Kind, byte[] Payload)> sent = new();
    private readonly CancellationTokenSource stop = new();
    private readonly AgentOptions options;

    public HubSessionResilienceTests()
    {
        loggers = logs.CreateFactory();
        options = AgentOptions.Default with { ClusterId = ClusterId, DataDir = dir.Path };
        link.IsConnected.Returns(true);
    }

    private HubSession Session(IAgentStore store) => new(
        options, link, store, new StatusBoard(store),
        new DesiredStateIntake(options, store, Substitute.For<IDesiredStateListener>(), loggers.CreateLogger<DesiredStateIntake>()),
        Substitute.For<IResourceManager>(), time, loggers.CreateLogger<HubSession>());

    // The link fails with the given errors in turn, then publishes (recording what it sent).
    private void LinkFailsWith(params Exception[] errors)
    {
        var failures = new ConcurrentQueue<Exception>(errors);
        link.PublishAsync(Arg.Any<MessageKind>(), Arg.Any<byte[]>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            if (failures.TryDequeue(out var error))
                return Task.FromException<bool>(error);
            sent.Enqueue((c.ArgAt<MessageKind>(0), c.ArgAt<byte[]>(1)));
            return Task.FromResult(true);
        });
    }

    private IReadOnlyList<string> JournalSent() => sent
        .Where(m => m.Kind == MessageKind.Journal)
        .Select(m => WireCodec.Default.Parse<JournalMessage>(Topics.Journal(ClusterId), m.Payload))
        .Where(r => r.IsOk)
        .SelectMany(r => r.Message!.Events.Select(e => e.Kind))
        .ToList();

    [Fact]
    public async Task StatusAndJournalStillReachTheHubAfterThePublishThrows()
    {
        using var store = new LiteAgentStore(dir.Path, ClusterId, 1000, time);
        var session = Session(store);
        store.Appended += session.Kick;
        LinkFailsWith(new InvalidOperationException("the MQTT client is being replaced"));
        var sender = Task.Run(() => session.RunAsync(stop.Token));

        store.Append("BeforeTheError");
        await Eventually.TrueAsync(() => JournalSent().Contains("BeforeTheError"), "the event goes out once the link recovers", advance: time);
        Assert.Contains(sent, m => m.Kind == MessageKind.Status);

        store.Append("AfterTheError");
        await Eventually.TrueAsync(() => JournalSent().Contains("AfterTheError"), "later events keep flowing", advance: time);

        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task TheJournalStillReachesTheHubAfterReadingTheStoreThrows()
    {
        var events = new List<JournalEvent> { new(1, time.GetUtcNow(), "Work") };
        var reads = 0;
        var store = Substitute.For<IAgentStore>();
        store.LoadGroups().Returns([]);
        store.ReadJournal(Arg.Any<long>(), Arg.Any<int>()).Returns(c => Interlocked.Increment(ref reads) == 1
            ? throw new IOException("database is locked")
            : events.Where(e => e.Seq > c.ArgAt<long>(0)).ToList());
        LinkFailsWith();
        var session = Session(store);
        var sender = Task.Run(() => session.RunAsync(stop.Token));

        session.Kick();
        await Eventually.TrueAsync(() => JournalSent().Contains("Work"), "the event goes out once the store answers again", advance: time);

        await stop.CancelAsync();
        await sender;
    }

    [Fact]
    public async Task TheSameErrorOverAndOverIsLoggedOnceAndTheSenderBacksOff()
    {
        using var store = new LiteAgentStore(dir.Path, ClusterId, 1000, time);
        var session = Session(store);
        store.Appended += session.Kick;
        var attempts = new ConcurrentQueue<DateTimeOffset>();
        link.PublishAsync(Arg.Any<MessageKind>(), Arg.Any<byte[]>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            attempts.Enqueue(time.GetUtcNow());
            return attempts.Count <= 4
                ? Task.FromException<bool>(new InvalidOperationException("broker refused: quota exceeded"))
                : Task.FromResult(true);
        });
        var sender = Task.Run(() => session.RunAsync(stop.Token));

        store.Append("Work");
        await Eventually.TrueAsync(() => attempts.Count >= 5, "the sender retries until the link takes the message", advance: time);

        var warnings = logs.Lines.Where(l => l.Category == typeof(HubSession).FullName && l.Level >= LogLevel.Warning).ToList();
        Assert.Single(warnings, l => l.Message.Contains("broker refused: quota exceeded"));
        var times = attempts.ToArray();
        Assert.True(times[3] - times[2] >= options.Link.MinReconnectDelay, $"third retry {times[3] - times[2]} after the second: no backoff");

        await stop.CancelAsync();
        await sender;
    }

    public void Dispose()
    {
        stop.Dispose();
        loggers.Dispose();
        dir.Dispose();
    }
}
