using System.Net;
using FleetOps.Cli.Client;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Brokers;
using FleetOps.Testing.Polling;
using MQTTnet;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// Replacing a cluster's token, or deregistering it, ends its live session at once: a new token once refused only
/// new connections, and the session authenticated with the old one went on publishing for as long as it stayed up.
/// </summary>
public sealed class SessionRevocationTests
{
    [Fact]
    public async Task ANewTokenEndsTheSessionOfTheOldOneAtOnce()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-rotated", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        var issued = await scenario.Hub.Client.ReplaceTokenAsync("store-rotated", default);

        await Eventually.UntilAsync(() => !agent.IsConnected, "the session of the old token is ended", TimeSpan.FromSeconds(5));
        // A fresh client: the ended one may still be finishing its disconnect, and MQTTnet refuses a connect meanwhile.
        Assert.NotEqual(MqttClientConnectResultCode.Success, await scenario.Agent("store-rotated", agent.Token).ConnectAsync());
        var renewed = scenario.Agent("store-rotated", issued.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, await renewed.ConnectAsync());
        await renewed.SayHelloAsync(Labels(("region", "east")));
        Assert.Equal(1, await renewed.JournalAsync(1));
        await Eventually.UntilAsync(() => renewed.AckedSeq == 1, "the agent with the new token is heard");
    }

    [Fact]
    public async Task DeregisteringEndsTheSessionTheClusterLeavesItsGroupsAndIsForgottenSoItsIdStartsAfresh()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-leaving", Labels(("region", "east")));
        var stays = await scenario.AddAgentAsync("store-staying", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await stays.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        await agent.ReportAsync(Phase.Converged);
        await agent.JournalAsync(5);
        await Eventually.UntilAsync(() => agent.AckedSeq == 5, "its journal is stored");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetGroupAsync("pos-east", default)).Members.Count == 2, "pos-east has both");
        using var http = scenario.Hub.CreateHttpClient();

        var deleted = await http.DeleteAsync("/api/v1/clusters/store-leaving?actor=alice%40ops");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Eventually.UntilAsync(() => !agent.IsConnected, "its session is ended", TimeSpan.FromSeconds(5));
        Assert.NotEqual(MqttClientConnectResultCode.Success, await scenario.Agent("store-leaving", agent.Token).ConnectAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/clusters/store-leaving")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/clusters/store-leaving/history")).StatusCode);
        var group = await Eventually.ValueAsync(() => scenario.Hub.Client.GetGroupAsync("pos-east", default),
            g => g.Members.Count == 1, "pos-east counts only the one left");
        Assert.Equal("store-staying", Assert.Single(group.Members).ClusterId);
        Assert.Equal(1, (await scenario.Hub.Client.GetClustersAsync(ClusterFilter.None, 1, 100, default)).Total);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/api/v1/clusters/store-leaving")).StatusCode);

        // The id may be registered again and starts afresh: its new agent's journal begins at seq 1.
        var again = await scenario.AddAgentAsync("store-leaving", Labels(("region", "west")));
        await again.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-west"), "the new registration's desired state");
        Assert.Equal(1, await again.JournalAsync(1));
        await Eventually.UntilAsync(() => again.AckedSeq == 1, "its first journal event is stored, not taken for an old one");
        Assert.Single((await scenario.Hub.Client.GetHistoryAsync("store-leaving", null, null, null, default)).Events);
    }

    [Fact]
    public async Task DeregisteringThroughAnExternalBrokerClearsWhatItRetainsForTheCluster()
    {
        using var broker = await Mosquitto.StartAsync();
        await using var scenario = await StartAsync(hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BrokerUrl"] = $"mqtt://127.0.0.1:{broker.Port}", ["Hub:Mqtt:Credentials"] = "None" },
        });
        await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("store-retained", Labels(("region", "east"))), default);
        await using (var agent = new SimulatedAgent("store-retained", "", "127.0.0.1", broker.Port))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync(password: ""));
            await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "the retained desired state is there");
        }

        using var http = scenario.Hub.CreateHttpClient();
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/v1/clusters/store-retained")).StatusCode);

        Assert.Empty(await RetainedAsync(broker.Port, Topics.Desired("store-retained"), Topics.Presence("store-retained")));
    }

    /// <summary>
    /// The retained messages on <paramref name="topics"/>: subscribed in one packet after a marker retained by this
    /// client, so once the marker has arrived every retained message of the earlier filters has too (Mosquitto
    /// sends them in filter order).
    /// </summary>
    private static async Task<IReadOnlyList<string>> RetainedAsync(int port, params string[] topics)
    {
        var marker = $"test/marker/{Guid.NewGuid():N}";
        using var client = new MqttClientFactory().CreateMqttClient();
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"observer-{Guid.NewGuid():N}").Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(marker).WithPayload("x"u8.ToArray()).WithRetainFlag()
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
            subscribe.WithTopicFilter(f => f.WithTopic(topic).WithAtLeastOnceQoS());
        await client.SubscribeAsync(subscribe.WithTopicFilter(f => f.WithTopic(marker).WithAtLeastOnceQoS()).Build());
        await Eventually.UntilAsync(() => received.Contains(marker), "the marker arrives after every earlier retained message");
        return received.Where(t => t != marker).ToList();
    }
}
