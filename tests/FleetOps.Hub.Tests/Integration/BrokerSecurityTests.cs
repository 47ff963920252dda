using FleetOps.Hub.Metrics;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The embedded broker's authentication and topic rule, seen from real MQTT clients.</summary>
public sealed class BrokerSecurityTests : IAsyncLifetime
{
    private HubScenario scenario = null!;

    private HubMetrics Metrics => scenario.Hub.Services.GetRequiredService<HubMetrics>();

    public async Task InitializeAsync() => scenario = await StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AClientWithAWrongTokenIsRefusedAndCounted()
    {
        var agent = await scenario.AddAgentAsync("store-sec-1", Labels(("region", "east")), connect: false);
        var before = Metrics.Get("refused_clients", "bad_credentials");

        var result = await agent.ConnectAsync(password: "fot_not-the-token");

        Assert.NotEqual(MqttClientConnectResultCode.Success, result);
        Assert.False(agent.IsConnected);
        Assert.Equal(before + 1, Metrics.Get("refused_clients", "bad_credentials"));
        Assert.Contains("fleetops_hub_refused_clients_total{reason=\"bad_credentials\"}", await MetricsTextAsync());
    }

    [Fact]
    public async Task AnUnregisteredClusterIsRefused()
    {
        var stranger = scenario.Agent("store-nobody", "fot_guess");
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
        var agent = await scenario.AddAgentAsync("store-sec-3", Labels(), connect: false);
        var before = Metrics.Get("refused_clients", "foreign_will");

        Assert.NotEqual(MqttClientConnectResultCode.Success, await agent.ConnectAsync(willTopic: Topics.Presence("store-victim")));
        Assert.Equal(before + 1, Metrics.Get("refused_clients", "foreign_will"));
    }

    [Fact]
    public async Task PublishingToAnotherClustersTopicsIsRefusedAndCounted()
    {
        var victim = await scenario.AddAgentAsync("store-victim-1", Labels(("region", "east")));
        var attacker = await scenario.AddAgentAsync("store-attacker-1", Labels(("region", "west")));
        var victimDesired = await victim.WaitForDesiredAsync(_ => true, "the victim has its desired state");
        var before = Metrics.Get("refused_publishes");

        var status = WireCodec.Serialize(new StatusMessage(WireVersion.Current, "store-victim-1", 1, DateTimeOffset.UtcNow, []));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Status("store-victim-1"), status));
        var desired = WireCodec.Serialize(victimDesired with { Generation = 999, Groups = [] });
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Desired("store-victim-1"), desired, retain: true));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await attacker.PublishAsync(Topics.Desired("store-attacker-1"), desired));

        Assert.Equal(before + 3, Metrics.Get("refused_publishes"));
        Assert.Equal(victimDesired.Generation, victim.LatestDesired!.Generation);
        Assert.Null((await scenario.Hub.Client.GetClusterAsync("store-victim-1", default)).Groups.FirstOrDefault(g => g.Reason is not null));
    }

    [Fact]
    public async Task SubscribingToAnotherClustersTopicsIsRefusedAndCounted()
    {
        var attacker = await scenario.AddAgentAsync("store-attacker-2", Labels());
        var before = Metrics.Get("refused_subscriptions");

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync(Topics.Desired("store-victim-2")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync("fleetops/v1/clusters/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await attacker.SubscribeAsync(Topics.Hello("store-attacker-2")));
        Assert.Equal(before + 3, Metrics.Get("refused_subscriptions"));
    }

    [Fact]
    public async Task GarbagePayloadsAreDroppedCountedByCodeAndNeverStopIngest()
    {
        var agent = await scenario.AddAgentAsync("store-garbage", Labels(("region", "east")));
        var invalidJson = Metrics.Get("refused_payloads", "InvalidJson");
        var mismatch = Metrics.Get("refused_payloads", "ClusterMismatch");
        var version = Metrics.Get("refused_payloads", "UnsupportedVersion");

        await agent.PublishAsync(Topics.Status("store-garbage"), "{not json"u8.ToArray());
        await agent.PublishAsync(Topics.Status("store-garbage"), "{\"v\":1,\"clusterId\":\"store-other\"}"u8.ToArray());
        await agent.PublishAsync(Topics.Journal("store-garbage"), "{\"v\":2,\"clusterId\":\"store-garbage\"}"u8.ToArray());
        await agent.PublishAsync(Topics.Journal("store-garbage"), new byte[] { 0xff, 0xfe, 0x00 });
        await agent.JournalAsync(3);

        await Eventually.UntilAsync(() => agent.AckedSeq == 3, "the valid journal after the garbage is acknowledged");
        Assert.Equal(invalidJson + 2, Metrics.Get("refused_payloads", "InvalidJson"));
        Assert.Equal(mismatch + 1, Metrics.Get("refused_payloads", "ClusterMismatch"));
        Assert.Equal(version + 1, Metrics.Get("refused_payloads", "UnsupportedVersion"));
        Assert.Contains("fleetops_hub_refused_payloads_total{code=\"InvalidJson\"}", await MetricsTextAsync());
    }

    private async Task<string> MetricsTextAsync()
    {
        using var http = scenario.Hub.CreateHttpClient();
        return await http.GetStringAsync("/metrics");
    }
}
