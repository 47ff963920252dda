using FleetOps.Hub.Grains;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Unit;

public sealed class JournalRunTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EventsThatContinueTheRunAreTakenAndRedeliveriesSkipped()
    {
        var run = JournalRun.Take([E(3), E(4), E(5), E(6)], acked: 4, allocated: 4);

        Assert.Equal([5L, 6], run.Fresh.Select(e => e.Seq));
        Assert.Null(run.Refused);
    }

    [Fact]
    public void AGapStopsTheRunAndSaysWhere()
    {
        var run = JournalRun.Take([E(5), E(6), E(9), E(10)], acked: 4, allocated: 10);

        Assert.Equal([5L, 6], run.Fresh.Select(e => e.Seq));
        Assert.Equal("seq 9 does not continue the stored run, which ends at 6", run.Refused);
    }

    [Fact]
    public void ABatchThatStartsPastTheAckTakesNothing()
    {
        var run = JournalRun.Take([E(1_000)], acked: 4, allocated: 4);

        Assert.Empty(run.Fresh);
        Assert.NotNull(run.Refused);
    }

    [Fact]
    public void ACompactionThatBeginsAtOrBeforeTheNextSeqContinuesTheRun()
    {
        var run = JournalRun.Take([Compacted(2, 50), E(51)], acked: 4, allocated: 60);

        Assert.Equal([50L, 51], run.Fresh.Select(e => e.Seq));
        Assert.Null(run.Refused);
    }

    [Fact]
    public void ACompactionMayNotFoldSeqsTheAgentNeverSaidItHad()
    {
        var run = JournalRun.Take([E(5), Compacted(6, 1L << 40)], acked: 4, allocated: 20);

        Assert.Equal([5L], run.Fresh.Select(e => e.Seq));
        Assert.Contains("folds more than the 20 seqs", run.Refused);
    }

    private static JournalEvent E(long seq) => new(seq, At, JournalEventKinds.Applied);

    private static JournalEvent Compacted(long first, long last) => new(last, At, JournalEventKinds.Compacted, FirstSeq: first);
}
