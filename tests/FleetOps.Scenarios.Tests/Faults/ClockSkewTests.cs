using System.Text.RegularExpressions;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;

namespace FleetOps.Scenarios.Tests.Faults;

/// <summary>
/// A store whose clock is ten minutes slow, and then steps back half an hour (an NTP correction) while it journals.
/// The hub keeps the store's times and its own beside them, says how far off the store's clock is, and history
/// paged by the CLI's own "continue with" hints returns every event exactly once.
/// </summary>
public sealed partial class ClockSkewTests
{
    [Fact]
    public async Task AStoreWithAWrongClockShowsBothTimesAndHistoryPagesSkipNothingWhenItsClockStepsBack()
    {
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-e1") with { ClockOffset = TimeSpan.FromMinutes(-10) }]);
        var store = fleet.Fleet["store-e1"];
        var head = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("platform", head, "store-e1");

        var detail = await fleet.ClusterAsync("store-e1");
        Assert.InRange(detail.StatusReceivedAt!.Value - detail.StatusAt!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
        var text = await fleet.CliAsync("cluster", "store-e1");
        Assert.Contains("the store's clock is about 10m behind the hub's", text.Stdout);

        // The clock steps back another half hour, and the store journals drift corrections on it.
        store.Clock.Offset = TimeSpan.FromMinutes(-40);
        for (var i = 0; i < 3; i++)
        {
            var before = (await fleet.HistoryAsync("store-e1")).Events.Count(e => e.Kind == JournalEventKinds.DriftCorrected);
            Assert.True(store.Cluster.Delete("v1", "ConfigMap", "store-platform", "store-info"));
            await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-e1")).Events.Count(e => e.Kind == JournalEventKinds.DriftCorrected) > before,
                $"drift correction {i + 1} to reach the hub");
        }
        var all = (await fleet.HistoryAsync("store-e1")).Events;
        Assert.Contains(all, e => e.Seq > 1 && e.At < all.First(f => f.Seq == e.Seq - 1).At);
        Assert.All(all, e => Assert.NotNull(e.ReceivedAt));

        var seen = new List<long>();
        string[] args = ["history", "store-e1", "--limit", "3"];
        for (var page = 0; page < 100 && args.Length > 0; page++)
        {
            var result = await fleet.CliAsync(args);
            Assert.True(result.ExitCode == 0, result.ToString());
            seen.AddRange(SeqColumn().Matches(result.Stdout).Select(m => long.Parse(m.Groups[1].Value)));
            args = ContinueWith().Match(result.Stdout) is { Success: true } next ? next.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        }
        Assert.Equal(all.Select(e => e.Seq), seen);
    }

    [GeneratedRegex(@"^\S+ \S+\s+(\d+)\s", RegexOptions.Multiline)]
    private static partial Regex SeqColumn();

    [GeneratedRegex(@"continue with: fleetops (.+)$", RegexOptions.Multiline)]
    private static partial Regex ContinueWith();
}
