using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using MQTTnet;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The embedded broker's authentication and topic rule, seen from real MQTT clients.</summary>
public sealed class BrokerSecurityTests : IAsyncLifetime
{
    private HubScenario scenario = null!;

    /// <summary>One series' sample, scraped from /metrics as Prometheus would.</summary>
    private async Task<double> CountAsync(string series) => (await Scrape.OfAsync(scenario.Hub)).Value(series);

    public async Task InitializeAsync() => scenario = await StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AClientWithAWrongTokenIsRefusedAndCounted()
    {
        const string BadCredentials = "fleetops_hub_refused_clients_total{reason=\"bad_credentials\"}";
        var agent = await scenario.AddAgentAsync("store-sec-1", Labels(("region", "east")), connect: false);
        var before = await CountAsync(BadCredentials);

        var result = await agent.ConnectAsync(password: "fot_not-the-token");

        Assert.NotEqual(MqttClientConnectResultCode.Success, result);
        Assert.False(agent.IsConnected);
        Assert.Equal(before + 1, await CountAsync(BadCredentials));
        Assert.Contains(BadCredentials, (await Scrape.OfAsync(scenario.Hub)).Text);
    }

    [Fact]
    public async Task AnUnregisteredClusterIsRefused()
    {
        await using var stranger = new SimulatedAgent("store-nobody", "fot_guess", "127.0.0.1", scenario.Hub.MqttPort);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await stranger.ConnectAsync());
    }

    [Fact]
    public async Task AClientIdOtherThanTheClusterIdIsRefused()
    {
        var agent = await scenario.AddAgentAsync("store-sec-2", Labels(), connect: false);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await agent.ConnectAsync(clientId: "someone-else"));
    }

    [Fact]
    public async Task ALastWillOnAnotherClustersTopicIsRefused()
    {
        const string ForeignWill = "fleetops_hub_refused_clients_total{reason=\"foreign_will\"}";
        var agent = await scenario.AddAgentAsync("store-sec-3", Labels(), connect: false);
        var before = await CountAsync(ForeignWill);

        Assert.NotEqual(MqttClientConnectResultCode.Success, await agent.ConnectAsync(willTopic: Topics.Presence("store-victim")));
        Assert.Equal(before + 1, await CountAsync(ForeignWill));
    }

    [Fact]
    public async Task PublishingToAnotherClustersTopicsIsRefusedAndCounted()
    {
        const string RefusedPublishes = "fleetops_hub_refused_publishes_total";
        var victim = await scenario.AddAgentAsync("store-victim-1", Labels(("region", "east")));
        var attacker = await scenario.AddAgentAsync("store-attacker-1", Labels(("region", "west")));
        var victimDesired = await victim.WaitForDesiredAsync(_ => true, "the victim has its desired state");
        var before = await CountAsync(RefusedPublishes);

        var status = WireCodec.Serialize(new StatusMessage(WireVersion.Current, "store-victim-1", 1, DateTimeOffset.UtcNow, []));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Status("store-victim-1"), status));
        var desired = WireCodec.Serialize(victimDesired with { Generation = 999, Groups = [] });
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Desired("store-victim-1"), desired, retain: true));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Desired("store-attacker-1"), desired));

        Assert.Equal(before + 3, await CountAsync(RefusedPublishes));
        Assert.Equal(victimDesired.Generation, victim.LatestDesired!.Generation);
        Assert.Null((await scenario.Hub.Client.GetClusterAsync("store-victim-1", default)).Groups.FirstOrDefault(g => g.Reason is not null));
    }

    [Fact]
    public async Task SubscribingToAnotherClustersTopicsIsRefusedAndCounted()
    {
        const string RefusedSubscriptions = "fleetops_hub_refused_subscriptions_total";
        var attacker = await scenario.AddAgentAsync("store-attacker-2", Labels());
        var before = await CountAsync(RefusedSubscriptions);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync(Topics.Desired("store-victim-2")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync("fleetops/v1/clusters/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync(Topics.Hello("store-attacker-2")));
        Assert.Equal(before + 3, await CountAsync(RefusedSubscriptions));
    }

    [Fact]
    public async Task GarbagePayloadsAreDroppedCountedByCodeAndNeverStopIngest()
    {
        const string InvalidJson = "fleetops_hub_refused_payloads_total{code=\"InvalidJson\"}";
        const string ClusterMismatch = "fleetops_hub_refused_payloads_total{code=\"ClusterMismatch\"}";
        const string UnsupportedVersion = "fleetops_hub_refused_payloads_total{code=\"UnsupportedVersion\"}";
        var agent = await scenario.AddAgentAsync("store-garbage", Labels(("region", "east")));
        var invalidJsonBefore = await CountAsync(InvalidJson);
        var mismatchBefore = await CountAsync(ClusterMismatch);
        var versionBefore = await CountAsync(UnsupportedVersion);

        await agent.PublishAsync(Topics.Status("store-garbage"), "{not json"u8.ToArray());
        await agent.PublishAsync(Topics.Status("store-garbage"), "{\"v\":1,\"clusterId\":\"store-other\"}"u8.ToArray());
        await agent.PublishAsync(Topics.Journal("store-garbage"), "{\"v\":2,\"clusterId\":\"store-garbage\"}"u8.ToArray());
        await agent.PublishAsync(Topics.Journal("store-garbage"), new byte[] { 0xff, 0xfe, 0x00 });
        await agent.JournalAsync(3);

        await Eventually.UntilAsync(() => agent.AckedSeq == 3, "the valid journal after the garbage is acknowledged");
        Assert.Equal(invalidJsonBefore + 2, await CountAsync(InvalidJson));
        Assert.Equal(mismatchBefore + 1, await CountAsync(ClusterMismatch));
        Assert.Equal(versionBefore + 1, await CountAsync(UnsupportedVersion));
        Assert.Contains(InvalidJson, (await Scrape.OfAsync(scenario.Hub)).Text);
    }
}
