using System.Net;
using System.Net.Http.Json;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Brokers;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using MQTTnet;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// Issue 15, test 4: with Mosquitto as the broker, the hub keeps every cluster's credentials and topic rule in its
/// dynamic-security plugin, so Mosquitto itself lets a registered cluster in, ends its session when its token is
/// replaced or it is deregistered, and refuses it another cluster's topics.
/// </summary>
[Collection(DynamicSecurityCollection.Name)]
[Trait("Category", "ScaleOut")]
public sealed class DynamicSecurityTests(DynamicSecurityBroker fixture)
{
    private Mosquitto Broker => fixture.Broker;

    [Fact]
    public async Task AClusterRegisteredOnTheHubConnectsToMosquittoAndMayTouchOnlyItsOwnTopics()
    {
        await using var scenario = await StartHubAsync();
        var id = NewId("store");
        var other = NewId("other");
        var token = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest(id, Labels(("region", "east"))), default)).Token;
        await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest(other, Labels(("region", "east"))), default);

        await using var agent = AgentOf(id, token);
        Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "the hub's retained desired state arrives through Mosquitto");
        await agent.SayHelloAsync(Labels(("region", "east")));
        await agent.ReportAsync(Phase.Converged);
        var seq = await agent.JournalAsync(3);
        await Eventually.UntilAsync(() => agent.AckedSeq == seq, "the hub takes the journal through its shared subscription and acks it");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync(id, default)).Phase == Phase.Converged, "the status arrives");

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync(Topics.Desired(other)));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync(Topics.AllClusters(MessageKind.Desired)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.Status(other), "{}"u8.ToArray()));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.Desired(id), "{}"u8.ToArray(), retain: true));
        await using var wrongPassword = AgentOf(id, "fot_not-its-token");
        Assert.NotEqual(MqttClientConnectResultCode.Success, await wrongPassword.ConnectAsync());
        await using var otherClientId = AgentOf(id, token);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await otherClientId.ConnectAsync(clientId: other));
        await using var stranger = AgentOf(other, token);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await stranger.ConnectAsync());
    }

    [Fact]
    public async Task ANewTokenDisconnectsTheClusterFromMosquittoWhichThenRefusesTheOldOne()
    {
        await using var scenario = await StartHubAsync();
        var id = NewId("rotated");
        var old = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest(id, Labels(("region", "east"))), default)).Token;
        await using var agent = AgentOf(id, old);
        Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        var issued = await scenario.Hub.Client.ReplaceTokenAsync(id, default);

        await Eventually.UntilAsync(() => !agent.IsConnected, "Mosquitto ends the session of the old token", TimeSpan.FromSeconds(10));
        await using var withOld = AgentOf(id, old);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await withOld.ConnectAsync());
        await using var renewed = AgentOf(id, issued.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, await renewed.ConnectAsync());
        await renewed.SayHelloAsync(Labels(("region", "east")));
        Assert.Equal(1, await renewed.JournalAsync(1));
        await Eventually.UntilAsync(() => renewed.AckedSeq == 1, "the agent with the new token is heard");
    }

    [Fact]
    public async Task DeregisteringDisconnectsTheClusterAndRemovesItsClientAndRoleFromMosquitto()
    {
        await using var scenario = await StartHubAsync();
        var id = NewId("leaving");
        var token = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest(id, Labels(("region", "east"))), default)).Token;
        await using var agent = AgentOf(id, token);
        Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        using var http = scenario.Hub.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/clusters/{id}")).StatusCode);

        await Eventually.UntilAsync(() => !agent.IsConnected, "Mosquitto ends its session", TimeSpan.FromSeconds(10));
        await using var again = AgentOf(id, token);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await again.ConnectAsync());
        Assert.Contains("Client not found", (await Assert.ThrowsAsync<InvalidOperationException>(() => Broker.CtrlAsync("getClient", id))).Message);
        Assert.Contains("Role not found",
            (await Assert.ThrowsAsync<InvalidOperationException>(() => Broker.CtrlAsync("getRole", $"fleetops-cluster-{id}"))).Message);
    }

    [Fact]
    public async Task ARegistrationMosquittoRefusesFailsSayingWhyAndRegistersNothing()
    {
        // A hub user that may take the agents' topics but is not the plugin's admin: every credentials change is refused.
        var user = NewId("hub-not-admin");
        var role = NewId("hub-topics");
        await Broker.CtrlAsync("createRole", role);
        foreach (var (type, topic) in Messaging.External.DynamicSecurity.DynSecCommands.HubAcls("hub"))
            await Broker.CtrlAsync("addRoleACL", role, type, topic, "allow");
        await Broker.CtrlAsync("createClient", user, "-p", "not-admin-password");
        await Broker.CtrlAsync("addClientRole", user, role);
        await using var scenario = await StartAsync(hub: o => o with
        {
            Settings = new Dictionary<string, string?>(Broker.HubSettings) { ["Hub:Mqtt:Username"] = user, ["Hub:Mqtt:Password"] = "not-admin-password" },
        });
        using var http = scenario.Hub.CreateHttpClient();
        var id = NewId("refused");

        var answer = await http.PostAsJsonAsync("/api/v1/clusters", new RegisterClusterRequest(id, Labels(("region", "east"))), ApiJsonContext.Default.RegisterClusterRequest);

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        var problem = await answer.Content.ReadAsStringAsync();
        Assert.Contains($"cluster '{id}' was not registered", problem);
        Assert.Contains($"the MQTT broker does not let the hub's user '{user}'", problem);
        Assert.Contains("admin role", problem);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/clusters/{id}")).StatusCode);
    }

    private Task<HubScenario> StartHubAsync() =>
        StartAsync(hub: o => o with { Settings = Broker.HubSettings });

    private SimulatedAgent AgentOf(string id, string token) => new(id, token, "127.0.0.1", Broker.Port);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
