using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.State;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Disks;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The agent's data dir on a small file system that fills up: after "No space left on device" LiteDB refuses every
/// later read and write until its file is opened again. The store must go on enforcing what it applied, tell the hub
/// why it cannot keep its records, and write all of it, the outage included, once there is room again. Each test runs
/// on a real tmpfs (where the machine lets it mount one) and through the state file seam (always).
/// </summary>
public sealed class FullDiskTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFullDataDirKeepsDriftCorrectedReportsStorageUnavailableAndJournalsTheOutageOnceSpaceReturns(bool mount)
    {
        await using var h = new AgentHarness(emulator.Server);
        using var disk = SmallDisk.Create(h.DataDir, preferMount: mount);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync(configure: disk.ConfigureAgent);
        h.SetDesired(h.Desired(1, rev, intervalSeconds: 60));
        await h.WaitConvergedAsync(rev);
        var before = h.Store.LastSeq;

        disk.Fill();
        for (var round = 1; round <= 2; round++)
        {
            Assert.True(h.Cluster.Delete("v1", "ConfigMap", "shop", "menu"));
            await Eventually.UntilAsync(() => Task.FromResult(h.Cluster.Get("v1", "ConfigMap", "shop", "menu") is not null),
                $"drift corrected with the disk full (round {round})", advance: h.Time, step: TimeSpan.FromSeconds(5));
        }
        await Eventually.UntilAsync(() => Task.FromResult(Reported(h) is { Reason: Reasons.StorageUnavailable }),
            "the status for the hub to say the data dir cannot be written", advance: h.Time);
        var reported = Reported(h)!;
        Assert.Equal(Phase.Degraded, reported.Phase);
        Assert.Contains("No space left on device", reported.Message);
        Assert.Equal(rev, reported.AppliedRevision);

        disk.Free();
        await Eventually.UntilAsync(() => Task.FromResult(Reported(h) is { Reason: Reasons.ReconciliationSucceeded }
            && h.Journal.Any(e => e.Kind == JournalEventKinds.StorageRecovered)), "the agent to write its data dir again", advance: h.Time, step: TimeSpan.FromSeconds(5));

        var outage = h.Journal.Where(e => e.Seq > before).ToList();
        AssertNoGaps(outage, before);
        Assert.Equal(JournalEventKinds.StorageUnavailable, outage.First(e => e.Kind != JournalEventKinds.DriftCorrected).Kind);
        Assert.Equal(2, outage.Count(e => e.Kind == JournalEventKinds.DriftCorrected));
        Assert.Contains("No space left on device", outage.Single(e => e.Kind == JournalEventKinds.StorageUnavailable).Detail);

        // Written, not only held: a fresh look at the file after the agent stopped finds the whole outage.
        await h.StopAgentAsync();
        using var file = new LiteAgentStore(h.DataDir, h.ClusterId, 10_000, h.Time, opener: disk.Opener);
        Assert.Equal(outage.Select(e => (e.Seq, e.Kind)), file.ReadJournal(before, 1000).Select(e => (e.Seq, e.Kind)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnAgentStartedOnAFullDiskStartsAndKeepsEnforcingWhatItLastApplied(bool mount)
    {
        await using var h = new AgentHarness(emulator.Server);
        using var disk = SmallDisk.Create(h.DataDir, preferMount: mount);
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync(configure: disk.ConfigureAgent);
        h.SetDesired(h.Desired(1, rev, intervalSeconds: 60));
        await h.WaitConvergedAsync(rev);
        await h.StopAgentAsync();

        disk.Fill();
        await h.StartAgentAsync(configure: disk.ConfigureAgent);
        Assert.True(h.Cluster.Delete("v1", "ConfigMap", "shop", "menu"));
        await Eventually.UntilAsync(() => Task.FromResult(h.Cluster.Get("v1", "ConfigMap", "shop", "menu") is not null),
            "the restarted agent to restore the deleted ConfigMap from what it last applied", advance: h.Time, step: TimeSpan.FromSeconds(5));
        await Eventually.UntilAsync(() => Task.FromResult(Reported(h) is { Reason: Reasons.StorageUnavailable }),
            "the status for the hub to say the data dir cannot be written", advance: h.Time);

        disk.Free();
        await Eventually.UntilAsync(() => Task.FromResult(h.Journal.Any(e => e.Kind == JournalEventKinds.StorageRecovered)),
            "the agent to write its data dir again", advance: h.Time, step: TimeSpan.FromSeconds(5));
        var journal = h.Journal;
        Assert.Contains(journal, e => e.Kind == JournalEventKinds.AgentStarted);
        Assert.Contains(journal, e => e.Kind == JournalEventKinds.DriftCorrected);
    }

    private static GroupStatus? Reported(AgentHarness h) =>
        h.Agent!.Services.GetRequiredService<StatusBoard>().Snapshot().FirstOrDefault(s => s.Name == "shop");

    private static void AssertNoGaps(IReadOnlyList<JournalEvent> events, long after) =>
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => after + i), events.Select(e => e.Seq));
}
