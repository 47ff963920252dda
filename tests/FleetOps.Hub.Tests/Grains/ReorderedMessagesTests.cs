using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using Orleans.Concurrency;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>
/// Silos share the agents' topics through a shared subscription, and the broker hands one agent's messages to
/// whichever silo is next: two of them can reach the cluster grain in the other order. What the agent said later
/// must win, by the agent's own clock.
/// </summary>
public sealed class ReorderedMessagesTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly DateTimeOffset When = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AStatusTheAgentSentBeforeTheOneTheHubHoldsDoesNotReplaceIt()
    {
        var cluster = await RegisteredAsync("reorder-status");

        await cluster.StatusAsync(Status("reorder-status", 2, When.AddSeconds(10), Phase.Converged).AsImmutable());
        await cluster.StatusAsync(Status("reorder-status", 2, When, Phase.Progressing).AsImmutable());

        var detail = (await cluster.GetDetailAsync(0))!;
        Assert.Equal(Phase.Converged, detail.Phase);
        Assert.Equal(When.AddSeconds(10), detail.StatusAt);
    }

    [Fact]
    public async Task AStatusFromAnAgentWhoseClockWasSetBackIsTaken()
    {
        var cluster = await RegisteredAsync("reorder-clock");

        // Store hours are tested, and clocks corrected, by setting a store's clock back: that is no reordering.
        await cluster.StatusAsync(Status("reorder-clock", 2, When, Phase.Converged).AsImmutable());
        await cluster.StatusAsync(Status("reorder-clock", 2, When.AddHours(-9), Phase.Pending).AsImmutable());

        Assert.Equal(When.AddHours(-9), (await cluster.GetDetailAsync(0))!.StatusAt);
    }

    [Fact]
    public async Task AStatusForANewerGenerationIsTakenWhateverItsTime()
    {
        var cluster = await RegisteredAsync("reorder-generation");

        await cluster.StatusAsync(Status("reorder-generation", 2, When, Phase.Converged).AsImmutable());
        await cluster.StatusAsync(Status("reorder-generation", 3, When.AddSeconds(-2), Phase.Progressing).AsImmutable());

        Assert.Equal(When.AddSeconds(-2), (await cluster.GetDetailAsync(0))!.StatusAt);
    }

    [Fact]
    public async Task AHelloTheAgentSentBeforeJournalEventsTheHubStoredDoesNotRestartItsJournal()
    {
        var cluster = await RegisteredAsync("reorder-hello");

        // The agent said hello (nothing journaled yet), then journaled two events; the events arrived first.
        await cluster.JournalAsync(new JournalMessage(1, "reorder-hello", Events(1, 2, When.AddSeconds(5))).AsImmutable());
        await cluster.HelloAsync(new HelloMessage(1, "reorder-hello", "1.0", new Dictionary<string, string>(), null, 0, 0, When, AckedJournalSeq: 0).AsImmutable());
        await cluster.JournalAsync(new JournalMessage(1, "reorder-hello", Events(3, 3, When.AddSeconds(6))).AsImmutable());

        Assert.Equal([1L, 2, 3], (await fixture.Journal.LatestAsync("reorder-hello", 20)).Select(e => e.Event.Seq));
        Assert.Equal([2L, 3], fixture.Transport.Acks("reorder-hello").Select(a => a.Seq));
    }

    [Fact]
    public async Task AHelloFromAnAgentWhoseJournalRestartedAfterTheStoredEventsStillRenumbersIt()
    {
        var cluster = await RegisteredAsync("reorder-wiped");
        await cluster.JournalAsync(new JournalMessage(1, "reorder-wiped", Events(1, 2, When)).AsImmutable());

        // A wiped data dir: seq 1 again, said after the stored events by the agent's clock.
        await cluster.HelloAsync(new HelloMessage(1, "reorder-wiped", "1.0", new Dictionary<string, string>(), null, 0, 0, When.AddMinutes(1), AckedJournalSeq: 0).AsImmutable());
        await cluster.JournalAsync(new JournalMessage(1, "reorder-wiped", Events(1, 1, When.AddMinutes(2))).AsImmutable());

        Assert.Equal([1L, 2, 3], (await fixture.Journal.LatestAsync("reorder-wiped", 20)).Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task AHelloFromAWipedAgentWhoseClockIsHoursBehindStillRenumbersIt()
    {
        var cluster = await RegisteredAsync("reorder-wiped-behind");
        await cluster.JournalAsync(new JournalMessage(1, "reorder-wiped-behind", Events(1, 2, When)).AsImmutable());

        await cluster.HelloAsync(new HelloMessage(1, "reorder-wiped-behind", "1.0", new Dictionary<string, string>(), null, 0, 0, When.AddHours(-9), AckedJournalSeq: 0).AsImmutable());
        await cluster.JournalAsync(new JournalMessage(1, "reorder-wiped-behind", Events(1, 1, When.AddHours(-9))).AsImmutable());

        Assert.Equal([1L, 2, 3], (await fixture.Journal.LatestAsync("reorder-wiped-behind", 20)).Select(e => e.Event.Seq));
    }

    private async Task<IClusterGrain> RegisteredAsync(string id)
    {
        var cluster = fixture.Grains.GetGrain<IClusterGrain>(id);
        await cluster.InitializeAsync(new Dictionary<string, string>(), When);
        return cluster;
    }

    private static StatusMessage Status(string id, long generation, DateTimeOffset at, Phase phase) =>
        new(1, id, generation, at, [new GroupStatus("a", phase, Reasons.ReconciliationSucceeded, null, "rev", phase == Phase.Converged ? "rev" : null, new ResourceCounts(1, 1), [])]);

    private static List<JournalEvent> Events(long from, long to, DateTimeOffset at) =>
        [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => new JournalEvent(i, at, JournalEventKinds.Applied))];
}
