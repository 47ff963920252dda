using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// Labels belong to the registry: what an agent says in its hello is kept as a fact and selects groups only for the
/// keys the operator allows (issue 12).
/// </summary>
public sealed class RegistryLabelTests : IAsyncLifetime
{
    private HubScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await StartAsync(hub: o => o with
    {
        Settings = new Dictionary<string, string?> { ["Hub:AgentLabelKeys:0"] = "hardware.example.com/", ["Hub:AgentLabelKeys:1"] = "zone" },
    });

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AnAgentRestartedWithoutLabelsStaysInItsGroups()
    {
        var agent = await scenario.AddAgentAsync("store-bare", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "east membership");

        await HelloAndWaitAsync(agent, Labels(), "restarted without FLEETOPS_LABELS");

        var detail = await scenario.Hub.Client.GetClusterAsync("store-bare", default);
        Assert.Equal("east", detail.Labels["region"]);
        Assert.Contains(detail.Groups, g => g.Name == "pos-east");
        Assert.Empty(detail.LabelInfo!.AgentLabels);
        Assert.Contains(agent.LatestDesired!.Groups, g => g.Name == "pos-east");
    }

    [Fact]
    public async Task AnAgentClaimingAnotherGroupsLabelsDoesNotMove()
    {
        var agent = await scenario.AddAgentAsync("store-claims", Labels(("region", "east")));
        var east = await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "east membership");

        await HelloAndWaitAsync(agent, Labels(("region", "west")), "claims west");

        var detail = await scenario.Hub.Client.GetClusterAsync("store-claims", default);
        Assert.Equal("east", detail.Labels["region"]);
        Assert.Equal("west", detail.LabelInfo!.AgentLabels["region"]);
        Assert.Empty(detail.LabelInfo.AgentKeysUsed);
        Assert.Equal(["platform", "pos-east"], detail.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(east.Generation, agent.LatestDesired!.Generation);
        Assert.DoesNotContain((await scenario.ClustersAsync(ClusterFilter.None with { Group = "pos-west" })).Items, c => c.Id == "store-claims");
    }

    [Fact]
    public async Task AnAllowedAgentKeySelectsWhereTheRegistryLeavesItUnset()
    {
        scenario.Repository.WriteFromTestData("fleet.yaml", "changes/fleet-zones.yaml");
        scenario.Repository.Commit("A group by zone, which stores report themselves");
        await scenario.Hub.Client.RefreshAsync(default);
        var agent = await scenario.AddAgentAsync("store-zoned", Labels(("region", "east")));
        await HelloAndWaitAsync(agent, Labels(("region", "west"), ("zone", "a"), ("hardware.example.com/model", "nuc-13")), "reports its zone");

        var zoned = await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "zone-a"), "the zone group, by the agent's allowed key");

        Assert.Contains(zoned.Groups, g => g.Name == "pos-east");
        Assert.DoesNotContain(zoned.Groups, g => g.Name == "pos-west");
        var detail = await scenario.Hub.Client.GetClusterAsync("store-zoned", default);
        Assert.Equal(["hardware.example.com/model", "zone"], detail.LabelInfo!.AgentKeysUsed);
        Assert.False(detail.Labels.ContainsKey("zone"));

        // The registry's own value wins over the agent's.
        await scenario.Hub.Client.RelabelAsync("store-zoned", new LabelRequest(Labels(("zone", "b")), null, "ops"), default);
        await agent.WaitForDesiredAsync(d => d.Groups.All(g => g.Name != "zone-a"), "out of zone-a once the registry says zone b");
    }

    [Theory]
    [InlineData("path")]
    [InlineData("empty-key")]
    [InlineData("huge-value")]
    [InlineData("ten-thousand")]
    public async Task InvalidHelloLabelsAreDroppedAndReportedAndTheHelloIsStillTaken(string kind)
    {
        var agent = await scenario.AddAgentAsync($"store-bad-{kind}", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east"), "east membership");
        var reported = kind switch
        {
            "path" => Labels(("../../etc", "x"), ("zone", "a")),
            "empty-key" => Labels(("", "x"), ("zone", "a")),
            "huge-value" => Labels(("zone", new string('a', 200 * 1024))),
            _ => Enumerable.Range(0, 10_000).ToDictionary(i => $"k{i}", i => "v"),
        };

        await HelloAndWaitAsync(agent, reported, "says hello with bad labels");

        var detail = await scenario.Hub.Client.GetClusterAsync(agent.ClusterId, default);
        var info = detail.LabelInfo!;
        Assert.NotNull(info.AgentLabelsDropped);
        string[] kept = kind is "path" or "empty-key" ? ["zone"] : [];
        Assert.Equal(kept, info.AgentLabels.Keys);
        Assert.True(info.AgentLabelsDropped.Length < 1_000, "the report quotes, it does not repeat");
        Assert.Equal(Labels(("region", "east")), detail.Labels);
        Assert.Equal(PresenceState.Online, detail.Presence.State);
    }

    [Fact]
    public async Task TheLabelApiValidatesAsRegisterDoesAndRecordsWhoAsked()
    {
        await scenario.AddAgentAsync("store-api", Labels(("region", "east")));

        await AssertRefusedAsync("store-api", new LabelRequest(Labels(("../../etc", "x")), null), 400, "key is not valid");
        await AssertRefusedAsync("store-api", new LabelRequest(Labels(("ring", new string('a', 1024 * 1024))), null), 400, "value is not valid");
        await AssertRefusedAsync("store-api", new LabelRequest(Enumerable.Range(0, 64).ToDictionary(i => $"k{i}", i => "v"), null), 400, "at most 64");
        await AssertRefusedAsync("store-api", new LabelRequest(Labels(("ring", "a")), ["ring"]), 400, "both set and removed");
        await AssertRefusedAsync("store-api", new LabelRequest(null, ["bad key"]), 400, "not valid");
        await AssertRefusedAsync("store-api", new LabelRequest(null, null), 400, "give labels");
        await AssertRefusedAsync("store-nobody", new LabelRequest(Labels(("ring", "a")), null), 404, "store-nobody");

        var changed = await scenario.Hub.Client.RelabelAsync("store-api", new LabelRequest(Labels(("ring", "canary")), ["region"], "alice"), default);

        Assert.Equal(Labels(("ring", "canary")), changed.Labels);
        Assert.Equal("alice", changed.ChangedBy);
        Assert.NotNull(changed.ChangedAt);
        var detail = await scenario.Hub.Client.GetClusterAsync("store-api", default);
        Assert.Equal("alice", detail.LabelInfo!.ChangedBy);
        Assert.DoesNotContain(detail.Groups, g => g.Name == "pos-east");
    }

    private async Task AssertRefusedAsync(string id, LabelRequest request, int status, string says)
    {
        var refused = await Assert.ThrowsAsync<HubProblemException>(() => scenario.Hub.Client.RelabelAsync(id, request, default));
        Assert.Equal(status, refused.Problem.Status);
        Assert.Contains(says, refused.Problem.Text);
    }

    /// <summary>A hello with a renderer nobody else names, so the test knows when the hub has taken it.</summary>
    private async Task HelloAndWaitAsync(SimulatedAgent agent, IReadOnlyDictionary<string, string> labels, string what)
    {
        var marker = $"marker {Guid.NewGuid():N}";
        await agent.SayHelloAsync(labels, renderer: marker);
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync(agent.ClusterId, default)).Renderer == marker, $"{agent.ClusterId} {what}");
    }
}
