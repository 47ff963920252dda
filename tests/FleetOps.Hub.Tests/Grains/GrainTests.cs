using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;
using FleetOps.Testing.Polling;
using Orleans.Concurrency;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>
/// Grain decisions in an in-process Orleans cluster, without git, MQTT or disk. Tests in this class
/// run one after another and each applies the whole fleet it needs to the one fleet grain.
/// </summary>
public sealed class GrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly DateTimeOffset When = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private IFleetGrain Fleet => fixture.Grains.GetGrain<IFleetGrain>(IFleetGrain.Key);

    [Fact]
    public async Task ATargetMovesOnlyWhenItsRenderedDigestChangesAndAFailedRenderKeepsIt()
    {
        var first = await Fleet.ApplyCommitAsync(Commit(Sha('1'), ("a", "sha256:a1"), ("b", "sha256:b1")));
        var second = await Fleet.ApplyCommitAsync(Commit(Sha('2'), ("a", "sha256:a2"), ("b", "sha256:b1")));
        var third = await Fleet.ApplyCommitAsync(Commit(Sha('3'), ("a", null), ("b", "sha256:b1")));

        Assert.Equal(["a", "b"], first.MovedGroups);
        Assert.Equal(["a"], second.MovedGroups);
        Assert.Empty(third.MovedGroups);
        var status = await Fleet.GetStatusAsync();
        Assert.Equal(Sha('3'), status.Commit!.Sha);
        var a = status.Groups.Single(g => g.Name == "a");
        Assert.Equal(Sha('2'), a.Target!.Commit.Sha);
        Assert.Equal("sha256:a2", a.Target.Digest);
        Assert.Equal(FleetErrorKinds.Render, a.Error!.Kind);
        Assert.Equal(Sha('1'), status.Groups.Single(g => g.Name == "b").Target!.Commit.Sha);
    }

    [Fact]
    public async Task ARefusedFleetYamlKeepsTheDefinitionsAndShowsTheError()
    {
        await Fleet.ApplyCommitAsync(Commit(Sha('4'), ("a", "sha256:a1")));
        var before = await Fleet.GetSnapshotAsync();

        await Fleet.RecordDefinitionErrorsAsync(Sha('5'),
        [
            new FleetError(FleetErrorKinds.Definition, "fleet.yaml:3: bad", "fleet.yaml", 3, Sha('5'), When),
            new FleetError(FleetErrorKinds.Definition, "fleet.yaml:9: worse", "fleet.yaml", 9, Sha('5'), When),
        ]);

        var status = await Fleet.GetStatusAsync();
        Assert.Equal(Sha('4'), status.Commit!.Sha);
        Assert.Equal(Sha('5'), status.LastHead);
        Assert.Equal([3, 9], status.Errors.Select(e => e.Line));
        Assert.Equal(before, await Fleet.GetSnapshotAsync(), new SnapshotComparer());
    }

    [Fact]
    public async Task AClusterIsDesiredOnlyIntoGroupsItsRegistryLabelsMatchAndJumpsAboveAnAgentsGeneration()
    {
        await Fleet.ApplyCommitAsync(Commit(Sha('6'), ("a", "sha256:a1"), ("b", "sha256:b1")));
        var cluster = fixture.Grains.GetGrain<IClusterGrain>("grain-store-1");

        await cluster.InitializeAsync(new Dictionary<string, string> { ["pick"] = "a" }, When);
        var first = Assert.Single(fixture.Transport.Desired("grain-store-1"));
        Assert.Equal(["a"], first.Groups.Select(g => g.Name));
        Assert.Equal(1, first.Generation);
        Assert.Equal("https://git.example.com/fleet-config.git", first.Source.Url);

        // The agent's own labels are facts: its hello moves the generation above its own, not the cluster.
        await cluster.HelloAsync(new HelloMessage(1, "grain-store-1", "1.0", new Dictionary<string, string> { ["pick"] = "b" }, null, 9, 0, When).AsImmutable());
        var jumped = fixture.Transport.Desired("grain-store-1")[^1];
        Assert.Equal(["a"], jumped.Groups.Select(g => g.Name));
        Assert.Equal(10, jumped.Generation);

        // The registry's labels move it.
        var relabelled = await cluster.RelabelAsync(new Dictionary<string, string> { ["pick"] = "b" }, [], "ops");
        Assert.Equal("b", relabelled.Labels!.Labels["pick"]);
        var moved = fixture.Transport.Desired("grain-store-1")[^1];
        Assert.Equal(["b"], moved.Groups.Select(g => g.Name));
        Assert.Equal(11, moved.Generation);
    }

    [Fact]
    public async Task ADesiredPublishThatFailsIsRetriedUntilItGoesThroughWithoutANewCommitOrHello()
    {
        await Fleet.ApplyCommitAsync(Commit(Sha('7'), ("a", "sha256:a1")));
        var cluster = fixture.Grains.GetGrain<IClusterGrain>("grain-store-3");
        fixture.Transport.RefuseDesired = true;
        try
        {
            await cluster.InitializeAsync(new Dictionary<string, string> { ["pick"] = "a" }, When);
            Assert.Empty(fixture.Transport.Desired("grain-store-3"));
        }
        finally
        {
            fixture.Transport.RefuseDesired = false;
        }

        await Eventually.UntilAsync(() => Task.FromResult(fixture.Transport.Desired("grain-store-3").Count == 1), "the desired state published by the catch-up timer");
        Assert.Equal(["a"], fixture.Transport.Desired("grain-store-3")[0].Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task JournalRedeliveryIsStoredOnceAndAcknowledgedAtTheHighestSeq()
    {
        var cluster = fixture.Grains.GetGrain<IClusterGrain>("grain-store-2");
        await cluster.InitializeAsync(new Dictionary<string, string>(), When);

        await cluster.JournalAsync(new JournalMessage(1, "grain-store-2", Events(1, 3)).AsImmutable());
        await cluster.JournalAsync(new JournalMessage(1, "grain-store-2", Events(2, 5)).AsImmutable());
        await cluster.JournalAsync(new JournalMessage(1, "grain-store-2", Events(1, 2)).AsImmutable());

        Assert.Equal([3L, 5, 5], fixture.Transport.Acks("grain-store-2").Select(a => a.Seq));
        Assert.Equal([1L, 2, 3, 4, 5], (await fixture.Journal.LatestAsync("grain-store-2", 20)).Select(e => e.Event.Seq));
        Assert.Equal(5, (await cluster.GetDetailAsync(0))!.AckedSeq);
    }

    [Fact]
    public async Task AnUnregisteredClusterIsNotIngested()
    {
        var outcome = await fixture.Grains.GetGrain<IClusterGrain>("grain-stranger").StatusAsync(new StatusMessage(1, "grain-stranger", 0, When, []).AsImmutable());
        Assert.Equal(IngestOutcome.UnknownCluster, outcome);
        Assert.Null(await fixture.Grains.GetGrain<IClusterGrain>("grain-stranger").GetDetailAsync(0));
    }

    [Fact]
    public async Task GroupCountsFollowTransitionsAndIgnoreOlderReports()
    {
        var group = fixture.Grains.GetGrain<IGroupGrain>("grain-group");

        await group.ReportMemberAsync(new MemberReport("s1", "grain-group", Phase.Progressing, Sha('1'), null, 10));
        await group.ReportMemberAsync(new MemberReport("s2", "grain-group", Phase.Converged, Sha('1'), Sha('1'), 10));
        await group.ReportMemberAsync(new MemberReport("s1", "grain-group", Phase.Converged, Sha('1'), Sha('1'), 12));
        await group.ReportMemberAsync(new MemberReport("s1", "grain-group", Phase.Failed, Sha('1'), null, 11));
        await group.ReportMemberAsync(new MemberReport("s2", "grain-group", Phase.Offline, Sha('1'), Sha('1'), 13));
        await group.ReportMemberAsync(new MemberReport("s3", "grain-group", Phase.Unknown, null, null, 10));
        await group.ReportMemberAsync(new MemberReport("s3", "grain-group", default, null, null, 11, Left: true));

        await Eventually.UntilAsync(async () => await group.GetCountsAsync() == new PhaseCounts(1, 0, 0, 0, 0, 1, 0), "one Converged and one Offline");
        Assert.Equal(["s1", "s2"], (await group.GetMembersAsync()).Value.Select(m => m.ClusterId));
    }

    private static FleetCommit Commit(string sha, params (string Group, string? Digest)[] groups) => new(
        new CommitInfo(sha, $"commit {sha[..7]}", When),
        groups.Select(g => new GroupDefinition(g.Group, $"apps/{g.Group}", LabelSelector.Parse($"pick={g.Group}"))).ToList(),
        groups.Select(g => new GroupRender(g.Group, g.Digest, 1,
            g.Digest is null ? new FleetError(FleetErrorKinds.Render, "boom", null, null, sha, When) : null)).ToList());

    private static List<JournalEvent> Events(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => new JournalEvent(i, When, JournalEventKinds.Applied)).ToList();

    private static string Sha(char c) => new(c, 40);

    private sealed class SnapshotComparer : IEqualityComparer<FleetSnapshot>
    {
        public bool Equals(FleetSnapshot? x, FleetSnapshot? y) => x!.Version == y!.Version && x.Groups.SequenceEqual(y.Groups);

        public int GetHashCode(FleetSnapshot obj) => obj.Version.GetHashCode();
    }
}
