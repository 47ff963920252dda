using System.Text.RegularExpressions;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Cli.Tests.Faults;

/// <summary>
/// A store whose clock is wrong, or stepped back: its own times are kept as it stamped them, the hub's receive time
/// is kept beside them and shown where the two differ by more than a minute, and history pages by seq, so no event
/// is skipped between pages whatever the store's clock did.
/// </summary>
public sealed partial class ClockSkewTests
{
    [Fact]
    public async Task HistoryPagesBySeqSoAStoreWhoseClockSteppedBackLosesNoEventBetweenPages()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-skew", Labels(("region", "east")));
        var t = DateTimeOffset.UtcNow;
        // Three events, then the store's clock steps back half an hour (an NTP correction), then three more.
        await agent.SendJournalAsync([.. new[] { 0, 1, 2, -30, -29, -28 }.Select((minutes, i) =>
            new JournalEvent(i + 1, t.AddMinutes(minutes), JournalEventKinds.DriftCorrected, "platform", null, $"event {i + 1}"))]);
        await Eventually.UntilAsync(() => agent.AckedSeq == 6, "the hub acknowledges all six");

        var seen = new List<long>();
        string[] args = ["history", "store-skew", "--limit", "2"];
        for (var page = 0; page < 10; page++)
        {
            var result = await CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);
            Assert.True(result.ExitCode == 0, result.ToString());
            seen.AddRange(SeqColumn().Matches(result.Stdout).Select(m => long.Parse(m.Groups[1].Value)));
            if (ContinueWith().Match(result.Stdout) is not { Success: true } next)
                break;
            args = next.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
    }

    [Fact]
    public async Task BothTimesAreShownWhereTheStoresClockIsOffByMoreThanAMinute()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-slow", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "has its groups");
        var behind = DateTimeOffset.UtcNow.AddMinutes(-10);
        await agent.ReportAsync(g => new GroupStatus(g.Name, Phase.Converged, Reasons.ReconciliationSucceeded, null, g.Revision, g.Revision,
            new ResourceCounts(1, 1), [], behind), at: behind);
        await agent.JournalAsync(1, JournalEventKinds.Converged, at: behind);
        await Eventually.UntilAsync(() => agent.AckedSeq == 1, "the hub acknowledges the event");

        var page = await scenario.Hub.Client.GetHistoryAsync("store-slow", null, null, null, default);
        var received = Assert.Single(page.Events).ReceivedAt;
        Assert.NotNull(received);
        Assert.InRange(received.Value - behind, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));

        var detail = await scenario.Hub.Client.GetClusterAsync("store-slow", default);
        Assert.NotNull(detail.StatusAt);
        Assert.InRange(detail.StatusReceivedAt!.Value - detail.StatusAt!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));

        var history = await CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), "history", "store-slow");
        Assert.Contains("RECEIVED", history.Stdout);
        var cluster = await CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), "cluster", "store-slow");
        Assert.Contains("the store's clock is about 10m behind the hub's", cluster.Stdout);
    }

    [GeneratedRegex(@"^\S+ \S+\s+(\d+)\s", RegexOptions.Multiline)]
    private static partial Regex SeqColumn();

    [GeneratedRegex(@"continue with: fleetops (.+)$", RegexOptions.Multiline)]
    private static partial Regex ContinueWith();
}
