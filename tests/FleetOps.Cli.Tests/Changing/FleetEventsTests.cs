using System.Text.Json;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;

namespace FleetOps.Cli.Tests.Changing;

/// <summary>
/// <c>fleetops events</c>: who drifted and what was put back, across every store, newest first, a page at a time; and
/// the journal's diffs as agents send them, in <c>history</c> and in <c>-o json</c>.
/// </summary>
public sealed class FleetEventsTests
{
    private static readonly ObjectChange TaxRate = new("ConfigMap/pos/pos-region", "configured", [new FieldChange("data.tax-rate", "0.09", "0.08")]);

    [Fact]
    public async Task DriftCorrectionsOfEveryStoreAreListedNewestFirstWithWhatWasPutBack()
    {
        await using var scenario = await HubScenario.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var east = await scenario.AddAgentAsync("store-ev-1", HubScenario.Labels(("region", "east")));
        var west = await scenario.AddAgentAsync("store-ev-2", HubScenario.Labels(("region", "west")));
        await east.SendJournalAsync(
            new JournalEvent(1, now.AddHours(-3), JournalEventKinds.DriftCorrected, "pos-east", "1111111111111111111111111111111111111111",
                "ConfigMap/pos/pos-region configured: data.tax-rate 0.09 → 0.08", Changes: [TaxRate]),
            new JournalEvent(2, now.AddHours(-2), JournalEventKinds.Applied, "pos-east", "2222222222222222222222222222222222222222", "ConfigMap/pos/pos-api configured"),
            new JournalEvent(3, now.AddDays(-3), JournalEventKinds.DriftCorrected, "pos-east", "1111111111111111111111111111111111111111", "older than a day"));
        await west.SendJournalAsync(
            new JournalEvent(1, now.AddHours(-1), JournalEventKinds.DriftCorrected, "platform", "1111111111111111111111111111111111111111", "Namespace/store-platform configured"));
        await Eventually.UntilAsync(() => east.AckedSeq == 3 && west.AckedSeq == 1, "both journals are stored");

        var table = await Run(scenario, "events", "--kind", "DriftCorrected");
        var json = await Run(scenario, "events", "--kind", "DriftCorrected", "-o", "json");
        var paged = await Run(scenario, "events", "--kind", "DriftCorrected", "--page-size", "1");
        var history = await Run(scenario, "history", "store-ev-1", "-o", "json");

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.StartsWith("2 events from 2 stores (kind DriftCorrected)", table.Stdout);
        Assert.True(table.Stdout.IndexOf("store-ev-2", StringComparison.Ordinal) < table.Stdout.IndexOf("store-ev-1", StringComparison.Ordinal), table.Stdout);
        Assert.Contains("data.tax-rate 0.09 → 0.08", table.Stdout);
        Assert.DoesNotContain("older than a day", table.Stdout);
        var page = JsonSerializer.Deserialize(json.Stdout, ApiJsonContext.Default.EventPage)!;
        Assert.Equal([("store-ev-2", 1L), ("store-ev-1", 1L)], page.Events.Select(e => (e.ClusterId!, e.Seq)));
        Same(TaxRate, Assert.Single(page.Events[1].Changes!));
        Assert.Contains("more events follow; next page: fleetops events --kind DriftCorrected --since ", paged.Stdout);
        Assert.Contains("--page 2 --page-size 1", paged.Stdout);
        var journal = JsonSerializer.Deserialize(history.Stdout, ApiJsonContext.Default.HistoryPage)!;
        Same(TaxRate, Assert.Single(journal.Events.Single(e => e.Seq == 1).Changes!));
        Assert.Null(journal.Events.Single(e => e.Seq == 2).Changes);
    }

    // A record holding a list compares the list by reference: compare what it says.
    private static void Same(ObjectChange expected, ObjectChange actual)
    {
        Assert.Equal((expected.Subject, expected.Action, expected.MoreFields), (actual.Subject, actual.Action, actual.MoreFields));
        Assert.Equal(expected.Fields, actual.Fields);
    }

    private static Task<CliResult> Run(HubScenario scenario, params string[] args) => CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), args);
}
