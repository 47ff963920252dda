using FleetOps.Hub.Grains;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>What one cluster is told to run, from the snapshot, its labels and what it holds: no silo needed.</summary>
public sealed class DesiredPlanTests
{
    private static readonly IReadOnlyDictionary<string, string> East = new Dictionary<string, string> { ["region"] = "east", ["tz"] = "America.New_York" };
    private static readonly TargetRef Old = new(new string('a', 40), "apps/pos", "sha256:old", 3);
    private static readonly TargetRef New = new(new string('b', 40), "apps/pos", "sha256:new", 5);
    private static readonly TargetRef Newer = new(new string('c', 40), "apps/pos", "sha256:newer", 8);

    [Fact]
    public void AClusterIsDesiredOnlyIntoGroupsWhoseSelectorMatchesAndThatHaveATarget()
    {
        var snapshot = Snapshot(
            Group("platform", "", New),
            Group("pos-east", "region=east", New),
            Group("pos-west", "region=west", New),
            Group("menu", "region=east", target: null));

        var plan = DesiredPlan.Compute(snapshot, East, new ClusterState());

        Assert.Equal(["menu", "platform", "pos-east"], plan.Memberships);
        Assert.Equal(["platform", "pos-east"], plan.Desired.Select(d => d.Name));
        Assert.Equal(1, plan.Generation);
        Assert.True(plan.DesiredChanged);
    }

    [Fact]
    public void NewLabelValuesIssueANewGenerationEvenWhenTheGroupsStayTheSame()
    {
        // ${cluster.labels.tz} reads them on the store: the agent takes new values only with a new generation.
        var snapshot = Snapshot(Group("platform", "", New));
        var state = new ClusterState { DesiredLabels = new(East, StringComparer.Ordinal) };
        var first = DesiredPlan.Compute(snapshot, East, state);
        state.Desired = first.Desired.ToList();
        state.Generation = first.Generation;

        var same = DesiredPlan.Compute(snapshot, new Dictionary<string, string>(East), state);
        var moved = DesiredPlan.Compute(snapshot, new Dictionary<string, string>(East) { ["tz"] = "America.Chicago" }, state);

        Assert.Equal(state.Generation, same.Generation);
        Assert.Equal(state.Generation + 1, moved.Generation);
        Assert.Equal(first.Desired, moved.Desired);
    }

    [Fact]
    public void StateStoredBeforeLabelsWereToldAdoptsThemWithoutANewGeneration()
    {
        var snapshot = Snapshot(Group("platform", "", New));
        var state = new ClusterState();
        var first = DesiredPlan.Compute(snapshot, East, state);
        state.Desired = first.Desired.ToList();
        state.Generation = first.Generation;

        Assert.Equal(state.Generation, DesiredPlan.Compute(snapshot, new Dictionary<string, string> { ["region"] = "east" }, state).Generation);
    }

    [Fact]
    public void AnUnchangedPlanKeepsTheGenerationAndAnAgentAheadOfTheHubIsJumpedOver()
    {
        var snapshot = Snapshot(Group("platform", "", New));
        var state = new ClusterState();
        var first = DesiredPlan.Compute(snapshot, East, state);
        state.Desired = first.Desired.ToList();
        state.Generation = first.Generation;

        Assert.Equal(1, DesiredPlan.Compute(snapshot, East, state).Generation);
        state.AgentGeneration = 41;
        Assert.Equal(42, DesiredPlan.Compute(snapshot, East, state, forceNewGeneration: true).Generation);
    }

    [Fact]
    public void WithARolloutAnUnreleasedMemberRunsTheStableTargetAndAReleasedOneTheNewOne()
    {
        var snapshot = Snapshot(Group("pos", "", New, Rollout(), stable: Old));
        var state = new ClusterState();

        Assert.Equal(Old.Revision, Assert.Single(DesiredPlan.Compute(snapshot, East, state).Desired).Revision);
        state.Releases["pos"] = new Release(New, 1);
        Assert.Equal(New.Revision, Assert.Single(DesiredPlan.Compute(snapshot, East, state).Desired).Revision);
    }

    [Fact]
    public void AGroupWhoseFirstRolloutHasNotReachedTheClusterIsAbsent()
    {
        var plan = DesiredPlan.Compute(Snapshot(Group("pos", "", New, Rollout())), East, new ClusterState());

        Assert.Equal(["pos"], plan.Memberships);
        Assert.Empty(plan.Desired);
    }

    [Fact]
    public void ANewerRolloutStartingOverDoesNotMoveAReleasedMemberBackwards()
    {
        var snapshot = Snapshot(Group("pos", "", Newer, Rollout(), stable: Old));
        var state = new ClusterState { Releases = { ["pos"] = new Release(New, 2) } };

        Assert.Equal(New.Revision, Assert.Single(DesiredPlan.Compute(snapshot, East, state).Desired).Revision);
    }

    [Fact]
    public void APinWinsOverReleasesAndTargets()
    {
        var snapshot = Snapshot(Group("pos", "", Newer, Rollout(), stable: New), Group("platform", "", New));
        var state = new ClusterState { Pins = { ["pos"] = Old, ["platform"] = Old } };

        Assert.All(DesiredPlan.Compute(snapshot, East, state).Desired, d => Assert.Equal(Old.Revision, d.Revision));
    }

    [Fact]
    public void TheWindowTravelsInTheClustersOwnZoneUnlessAnOperatorWaivedItForThatRevision()
    {
        var window = new WindowPolicy([DayOfWeek.Monday], new TimeOnly(2, 0), new TimeOnly(5, 0), "tz");
        var state = new ClusterState { Releases = { ["pos"] = new Release(New, 0) } };

        var desired = Assert.Single(DesiredPlan.Compute(Snapshot(Group("pos", "", New, Rollout() with { Window = window }, stable: Old)), East, state).Desired);
        Assert.Equal("America/New_York", desired.Window!.TimeZone);
        Assert.Equal(["mon"], desired.Window.Days);

        var waived = Snapshot(Group("pos", "", New, Rollout() with { Window = window }, stable: Old) with { WindowsIgnoredFor = New.Revision });
        Assert.Null(Assert.Single(DesiredPlan.Compute(waived, East, state).Desired).Window);
    }

    [Fact]
    public void TheCanarySelectorMarksTheClustersItPicks()
    {
        var canary = Rollout() with { Canary = new CanaryPolicy(LabelSelector.Parse("region=east"), null, TimeSpan.Zero) };

        var plan = DesiredPlan.Compute(Snapshot(Group("pos", "", New, canary), Group("menu", "", New, Rollout())), East, new ClusterState());

        Assert.Equal(["pos"], plan.CanaryIn);
        Assert.Equal(new Dictionary<string, string> { ["pos"] = "region=east" }, plan.CanarySelectors);
    }

    private static RolloutPolicy Rollout() => new() { Waves = [50, 100] };

    private static FleetSnapshot Snapshot(params SnapshotGroup[] groups) => new(1, groups);

    private static SnapshotGroup Group(string name, string selector, TargetRef? target, RolloutPolicy? rollout = null, TargetRef? stable = null) =>
        new(name, target?.Path ?? "apps/pos", LabelSelector.Parse(selector), target?.Revision, target?.Digest, target?.Seq ?? 0, rollout, stable);
}
