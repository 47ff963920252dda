using System.Net;
using System.Text;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// Nothing a store sends can break an answer about it: wire enums are names, and a cluster whose stored state
/// holds what no reader understands (written before the codec refused it) is shown with the reason, never as a 500.
/// </summary>
public sealed class StoredStateTests
{
    [Fact]
    public async Task ANumericPhaseOrPresenceFromAnAgentIsRefusedAndEveryAnswerAboutTheClusterStillWorks()
    {
        const string InvalidField = "fleetops_hub_refused_payloads_total{code=\"InvalidField\"}";
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-numeric", Labels(("region", "east")));
        var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        var before = (await Scrape.OfAsync(scenario.Hub)).Value(InvalidField);

        var group = desired.Groups[0];
        await agent.PublishAsync(Topics.Status(agent.ClusterId), Encoding.UTF8.GetBytes(
            $$"""{"v":1,"clusterId":"store-numeric","generation":{{desired.Generation}},"at":"2026-11-23T12:00:00+00:00","groups":[{"name":"{{group.Name}}","phase":99,"reason":"ReconciliationSucceeded","message":null,"desiredRevision":"{{group.Revision}}","appliedRevision":null,"resources":{"total":1,"healthy":1},"unhealthy":[]}]}"""));
        await agent.PublishAsync(Topics.Presence(agent.ClusterId),
            """{"v":1,"clusterId":"store-numeric","state":7,"at":"2026-11-23T12:00:00+00:00"}"""u8.ToArray(), retain: true);

        await Eventually.UntilAsync(async () => (await Scrape.OfAsync(scenario.Hub)).Value(InvalidField) == before + 2, "both payloads are refused as InvalidField");
        using var http = scenario.Hub.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/clusters/store-numeric")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/groups/{group.Name}")).StatusCode);
        Assert.Null((await scenario.Hub.Client.GetClusterAsync("store-numeric", default)).StateProblem);
    }

    [Fact]
    public async Task AStoredStatusWithAnUndefinedPhaseIsShownWithItsReasonAfterARestartAndReadinessSaysSo()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-poisoned", Labels(("region", "east")));
        var healthy = await scenario.AddAgentAsync("store-fine", Labels(("region", "east")));
        var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await healthy.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await healthy.ReportAsync(Phase.Converged);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync(healthy.ClusterId, default)).Phase == Phase.Converged,
            "the hub has store-fine's status before it restarts");
        // What an older hub stored before its codec refused numbers: straight to the grain, past the wire.
        var poisoned = new StatusMessage(WireVersion.Current, agent.ClusterId, desired.Generation, DateTimeOffset.UtcNow,
            desired.Groups.Select(g => new GroupStatus(g.Name, (Phase)99, Reasons.ReconciliationSucceeded, null, g.Revision, g.Revision,
                new ResourceCounts(1, 1), [], DateTimeOffset.UtcNow)).ToList());
        var grains = scenario.Hub.Services.GetRequiredService<IGrainFactory>();
        // That hub stored it, then failed to report it: the call throws, the state is written.
        await Record.ExceptionAsync(() => grains.GetGrain<IClusterGrain>(agent.ClusterId).StatusAsync(new Immutable<StatusMessage>(poisoned)));

        await scenario.RestartAsync();

        using var http = scenario.Hub.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/clusters/store-poisoned")).StatusCode);
        var detail = await scenario.Hub.Client.GetClusterAsync("store-poisoned", default);
        Assert.Contains("phase 99", detail.StateProblem);
        Assert.All(detail.Groups, g => Assert.NotEqual((Phase)99, g.Phase));
        var group = await scenario.Hub.Client.GetGroupAsync(desired.Groups[0].Name, default);
        Assert.Contains(group.Members, m => m.ClusterId == "store-poisoned");
        Assert.Contains(group.Members, m => m.ClusterId == "store-fine" && m.Phase == Phase.Converged);
        var readiness = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Contains("store-poisoned", await readiness.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AClusterWhoseStoredStateCannotBeReadIsShownWithWhyAndTheRestOfTheFleetIsServed()
    {
        await using var scenario = await StartAsync();
        var broken = await scenario.AddAgentAsync("store-unreadable", Labels(("region", "east")));
        var fine = await scenario.AddAgentAsync("store-readable", Labels(("region", "east")));
        await broken.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await fine.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await scenario.RestartAsync(whileStopped: () =>
        {
            using var db = new LiteDatabase(Path.Combine(scenario.DataDir, "hub.db"));
            var states = db.GetCollection("grain_state");
            var document = states.FindAll().Single(d => d["_id"].AsString.StartsWith("cluster/", StringComparison.Ordinal)
                && d["_id"].AsString.EndsWith("/store-unreadable", StringComparison.Ordinal));
            document["Data"] = new BsonValue(new byte[] { 0xde, 0xad, 0xbe, 0xef });
            states.Update(document);
        });

        using var http = scenario.Hub.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/clusters/store-unreadable")).StatusCode);
        var detail = await scenario.Hub.Client.GetClusterAsync("store-unreadable", default);
        Assert.Contains("could not load", detail.StateProblem);
        Assert.Equal(Phase.Unknown, detail.Phase);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/clusters/store-readable")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/groups/platform")).StatusCode);
        var readiness = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Contains("store-unreadable", await readiness.Content.ReadAsStringAsync());
    }
}
