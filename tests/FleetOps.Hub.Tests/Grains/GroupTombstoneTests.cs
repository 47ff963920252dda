using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>A member that left is remembered long enough to refuse a late report, not forever.</summary>
public sealed class GroupTombstoneTests(FakeClockGrainClusterFixture fixture) : IClassFixture<FakeClockGrainClusterFixture>
{
    [Fact]
    public async Task ALeftMembersTombstoneRefusesALateReportAndIsForgottenAfterTenMinutes()
    {
        var group = fixture.Grains.GetGrain<IGroupGrain>("tomb-group");
        await group.ReportMemberAsync(new MemberReport("s1", "tomb-group", Phase.Converged, null, null, 10));
        await group.ReportMemberAsync(new MemberReport("s1", "tomb-group", default, null, null, 20, Left: true));

        // Delivered late, after the member left: the tombstone refuses it.
        var late = new MemberReport("s1", "tomb-group", Phase.Converged, null, null, 15);
        await group.ReportMemberAsync(late);
        Assert.Empty((await group.GetMembersAsync()).Value);

        // The group tidies every five minutes and forgets tombstones older than ten; the clock moves a minute a look.
        await Eventually.UntilAsync(async () =>
        {
            await group.ReportMemberAsync(late);
            return (await group.GetMembersAsync()).Value.Count == 1;
        }, "the tombstone is forgotten, so the same late report is taken", advance: FakeClockGrainClusterFixture.Clock, step: TimeSpan.FromMinutes(1));
        Assert.True(FakeClockGrainClusterFixture.Clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 27, 12, 10, 0, TimeSpan.Zero), "not forgotten before ten minutes");
    }
}
