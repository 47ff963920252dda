using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// No journal message can make the hub acknowledge events it did not store, and no hello can make a generation
/// overflow or go backwards (issue 12, hole 3). Each message goes over the broker as a store's would.
/// </summary>
public sealed class JournalRuleTests : IAsyncLifetime
{
    private const string Gaps = "fleetops_hub_journal_gaps_total";
    private const string InvalidField = "fleetops_hub_refused_payloads_total{code=\"InvalidField\"}";

    private HubScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AnEventWithTheLargestSeqIsRefusedAndTheAgentsRealEventsAreStillStoredAndAcknowledged()
    {
        var agent = await scenario.AddAgentAsync("store-poison", Labels(("region", "east")));
        await agent.JournalAsync(3);
        await Eventually.UntilAsync(() => agent.AckedSeq == 3, "the first events are acknowledged");

        await agent.PublishAsync(Topics.Journal("store-poison"), WireCodec.Serialize(new JournalMessage(WireVersion.Current, "store-poison",
            [new JournalEvent(long.MaxValue, DateTimeOffset.UtcNow, JournalEventKinds.Applied, Detail: "poison")])));
        await Eventually.UntilAsync(async () => await CountAsync(InvalidField) == 1, "the poisoned batch is refused as InvalidField");

        await agent.SendJournalAsync([.. Events(4, 5)]);
        await Eventually.UntilAsync(() => agent.AckedSeq == 5, "the real events are acknowledged at their own seq");
        var history = await scenario.Hub.Client.GetHistoryAsync("store-poison", null, null, null, default);
        Assert.Equal([1L, 2, 3, 4, 5], history.Events.Select(e => e.Seq));
        Assert.Equal(5, (await scenario.Hub.Client.GetClusterAsync("store-poison", default)).AckedSeq);
    }

    [Fact]
    public async Task ABatchThatJumpsPastTheAcknowledgedRunIsRefusedAndNeverAcknowledged()
    {
        var agent = await scenario.AddAgentAsync("store-jumps", Labels(("region", "east")));
        await agent.JournalAsync(3);
        await Eventually.UntilAsync(() => agent.AckedSeq == 3, "the first events are acknowledged");

        // Within the wire's bounds, but 1,000 seqs the agent never sent are missing before it.
        await agent.PublishAsync(Topics.Journal("store-jumps"), WireCodec.Serialize(new JournalMessage(WireVersion.Current, "store-jumps",
            [.. Events(4, 5), new JournalEvent(1_006, DateTimeOffset.UtcNow, JournalEventKinds.Applied, Detail: "jump")])));
        await Eventually.UntilAsync(async () => await CountAsync(Gaps) == 1, "the jump is counted as a gap");
        await Eventually.UntilAsync(() => agent.AckedSeq == 5, "the events before the gap are stored and acknowledged");

        // A compaction may fold only what the agent said it had allocated (3 in its hello, 5 stored since).
        await agent.PublishAsync(Topics.Journal("store-jumps"), WireCodec.Serialize(new JournalMessage(WireVersion.Current, "store-jumps",
            [new JournalEvent(1L << 40, DateTimeOffset.UtcNow, JournalEventKinds.Compacted, Detail: "folds the future", FirstSeq: 6)])));
        await Eventually.UntilAsync(async () => await CountAsync(Gaps) == 2, "the overreaching compaction is refused");

        await agent.SendJournalAsync([.. Events(6, 7)]);
        await Eventually.UntilAsync(() => agent.AckedSeq == 7, "the agent's next events are acknowledged");
        var history = await scenario.Hub.Client.GetHistoryAsync("store-jumps", null, null, null, default);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], history.Events.Select(e => e.Seq));
        Assert.Equal(7, agent.AckedSeq);
    }

    [Fact]
    public async Task ACompactedEventThatContinuesTheRunIsStoredAndAcknowledgedAtItsSeq()
    {
        var agent = await scenario.AddAgentAsync("store-compacts", Labels(("region", "east")), connect: false);
        await agent.ConnectAsync();
        // An agent that was offline long enough to fold seqs 1-900 into one event, then wrote two more.
        var folded = new JournalEvent(900, DateTimeOffset.UtcNow, JournalEventKinds.Compacted, Detail: "900 events compacted (seq 1-900)", FirstSeq: 1);
        await SayHelloHoldingAsync(agent, lastSeq: 902);
        await agent.SendJournalAsync(folded, Event(901), Event(902));

        await Eventually.UntilAsync(() => agent.AckedSeq == 902, "the run through the compaction is acknowledged");
        var history = await scenario.Hub.Client.GetHistoryAsync("store-compacts", null, null, null, default);
        Assert.Equal([900L, 901, 902], history.Events.Select(e => e.Seq));
        Assert.Equal(0, await CountAsync(Gaps));
    }

    [Fact]
    public async Task AnAgentWhoseDataDirWasWipedHasItsEventsStoredAfterTheOldOnes()
    {
        var old = await scenario.AddAgentAsync("store-wiped", Labels(("region", "east")));
        var token = old.Token;
        await old.JournalAsync(5);
        await Eventually.UntilAsync(() => old.AckedSeq == 5, "the old agent's events are acknowledged");
        await old.DisposeAsync();

        // The same store with a fresh data dir: its seqs start at 1 again.
        var fresh = scenario.Agent("store-wiped", token);
        await fresh.ConnectAsync();
        await fresh.SayHelloAsync(Labels(("region", "east")));
        await fresh.JournalAsync(3);

        await Eventually.UntilAsync(() => fresh.AckedSeq == 3, "the new journal is acknowledged in the agent's own numbering");
        var history = await scenario.Hub.Client.GetHistoryAsync("store-wiped", null, null, null, default);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], history.Events.Select(e => e.Seq));
        Assert.Equal(["event 1", "event 2", "event 3"], history.Events.Skip(5).Select(e => e.Detail));
        Assert.Equal(0, await CountAsync(Gaps));
    }

    [Fact]
    public async Task AHelloWithTheLargestGenerationIsRefusedAndGenerationsNeverGoBackwards()
    {
        var agent = await scenario.AddAgentAsync("store-overflow", Labels(("region", "east")));
        var first = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await agent.SayHelloAsync(Labels(("region", "east")), generation: long.MaxValue);
        await Eventually.UntilAsync(async () => await CountAsync(InvalidField) == 1, "the hello is refused as InvalidField");
        // A later, ordinary hello from an agent that holds more than the hub issued.
        await agent.SayHelloAsync(Labels(("region", "east")), generation: first.Generation + 10);
        var jumped = await agent.WaitForDesiredAsync(d => d.Generation == first.Generation + 11, "one above the agent's generation");

        var generations = agent.DesiredReceived.Select(d => d.Generation).ToList();
        Assert.All(generations, g => Assert.InRange(g, first.Generation, jumped.Generation));
        Assert.Equal(generations.Order(), generations);
        Assert.Equal(jumped.Generation, (await scenario.Hub.Client.GetClusterAsync("store-overflow", default)).Generation);
    }

    [Fact]
    public async Task AnAbsurdGenerationIsRefusedAsAnInvalidFieldAndTheHubKeepsItsOwn()
    {
        var agent = await scenario.AddAgentAsync("store-absurd", Labels(("region", "east")));
        var first = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await agent.SayHelloAsync(Labels(("region", "east")), generation: 1L << 62);
        await Eventually.UntilAsync(async () => await CountAsync(InvalidField) == 1, "the hello is refused as InvalidField");
        await agent.ReportAsync(Phase.Converged);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-absurd", default)).Phase == Phase.Converged, "the status after it is taken");

        Assert.Equal(first.Generation, (await scenario.Hub.Client.GetClusterAsync("store-absurd", default)).Generation);
        Assert.All(agent.DesiredReceived, d => Assert.Equal(first.Generation, d.Generation));
    }

    private async Task<double> CountAsync(string series) => (await Scrape.OfAsync(scenario.Hub)).Value(series);

    private static Task SayHelloHoldingAsync(SimulatedAgent agent, long lastSeq) =>
        agent.PublishAsync(Topics.Hello(agent.ClusterId), WireCodec.Serialize(new HelloMessage(
            WireVersion.Current, agent.ClusterId, "sim-1.0", Labels(("region", "east")), "v1.31.0+k3s1", 0, lastSeq, DateTimeOffset.UtcNow, null, 0)));

    private static IEnumerable<JournalEvent> Events(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => Event(i));

    private static JournalEvent Event(long seq) => new(seq, DateTimeOffset.UtcNow, JournalEventKinds.Applied, "platform", null, $"event {seq}");
}
