using System.Net;
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
/// Issue 15, test 3, and the hub's re-sync: Mosquitto stopped and started again (each test its own broker, since it
/// stops it) keeps clients, roles and retained desired states in its files; hub and agents reconnect and nothing acked
/// is lost; credentials changed while it was away reach it when it returns.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class MosquittoRestartTests
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AfterAMosquittoRestartTheHubAndAgentsReconnectAndNothingAckedIsLostOrStoredTwice()
    {
        using var broker = await Mosquitto.StartWithDynamicSecurityAsync();
        await using var scenario = await StartAsync(hub: o => o with { Settings = broker.HubSettings });
        var agents = new List<SimulatedAgent>();
        foreach (var id in new[] { "restart-a", "restart-b" })
        {
            var token = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest(id, Labels(("region", "east"))), default)).Token;
            var agent = new SimulatedAgent(id, token, "127.0.0.1", broker.Port);
            agents.Add(agent);
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
            await agent.SayHelloAsync(Labels(("region", "east")));
            await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
            await agent.ReportAsync(Phase.Converged);
            await agent.JournalAsync(5);
        }
        await Eventually.UntilAsync(() => agents.All(a => a.AckedSeq == 5), "every journal event before the restart is acked");
        var generations = agents.ToDictionary(a => a.ClusterId, a => a.LatestDesired!.Generation);

        await broker.StopAsync();
        await Eventually.UntilAsync(() => agents.All(a => !a.IsConnected), "the agents lose the broker");
        await broker.StartAgainAsync();

        foreach (var agent in agents)
        {
            await Eventually.UntilAsync(async () => await agent.ConnectAsync() == MqttClientConnectResultCode.Success,
                $"{agent.ClusterId} reconnects with its token (Mosquitto kept its client)", Reconnect);
            await agent.SayHelloAsync(Labels(("region", "east")));
            await agent.JournalAsync(3);
        }
        // An agent may be back before the hub is: Mosquitto drops what nobody subscribes to, so, as the edge agent does,
        // what is not acked is sent again (the hub takes each seq once).
        var resent = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(async () =>
        {
            if (agents.All(a => a.AckedSeq == 8))
                return true;
            if (DateTimeOffset.UtcNow - resent > TimeSpan.FromSeconds(2))
            {
                resent = DateTimeOffset.UtcNow;
                foreach (var agent in agents.Where(a => a.AckedSeq < 8))
                    await agent.SendJournalAsync([.. Enumerable.Range(6, 3).Select(seq => Event(seq))]);
            }
            return false;
        }, "the hub reconnects and acks what was sent after the restart", Reconnect);
        foreach (var agent in agents)
        {
            Assert.True(agent.LatestDesired!.Generation >= generations[agent.ClusterId], "no generation goes backwards");
            var history = await scenario.Hub.Client.GetHistoryAsync(agent.ClusterId, null, null, null, default);
            Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), history.Events.Select(e => e.Seq).Order());
        }

        // The hub publishes through the new connection: a new commit reaches both agents.
        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        var head = scenario.Repository.Commit("A change after the broker restart");
        await scenario.Hub.Client.RefreshAsync(default);
        foreach (var agent in agents)
        {
            await agent.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east" && g.Revision == head), "the new revision arrives after the restart");
            await agent.DisposeAsync();
        }
    }

    private static JournalEvent Event(long seq) =>
        new(seq, DateTimeOffset.UtcNow, JournalEventKinds.Applied, "platform", null, $"event {seq}");

    [Fact]
    public async Task RetainedDesiredStatesAndClientsSurviveAMosquittoRestartWhileNoHubRuns()
    {
        using var broker = await Mosquitto.StartWithDynamicSecurityAsync();
        await using var scenario = await StartAsync(hub: o => o with { Settings = broker.HubSettings });
        var token = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("kept-store", Labels(("region", "east"))), default)).Token;
        DesiredMessage before;
        await using (var agent = new SimulatedAgent("kept-store", token, "127.0.0.1", broker.Port))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
            before = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");
        }

        DesiredMessage? after = null;
        await scenario.RestartAsync(whileStopped: async () =>
        {
            await broker.StopAsync();
            await broker.StartAgainAsync();
            // No hub runs now, so whatever desired state arrives is what Mosquitto kept in its persistence file.
            await using var agent = new SimulatedAgent("kept-store", token, "127.0.0.1", broker.Port);
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
            after = await agent.WaitForDesiredAsync(_ => true, "the retained desired state is still there");
        });

        Assert.Equal(before.Generation, after!.Generation);
        Assert.Equal(before.Groups.Select(g => (g.Name, g.Revision)), after.Groups.Select(g => (g.Name, g.Revision)));
    }

    [Fact]
    public async Task CredentialsChangedWhileMosquittoWasAwayReachItWhenItReturns()
    {
        using var broker = await Mosquitto.StartWithDynamicSecurityAsync();
        await using var scenario = await StartAsync(hub: o => o with { Settings = broker.HubSettings });
        var leaving = (await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("away-leaving", Labels(("region", "east"))), default)).Token;
        await using (var agent = new SimulatedAgent("away-leaving", leaving, "127.0.0.1", broker.Port))
            Assert.Equal(MqttClientConnectResultCode.Success, await agent.ConnectAsync());
        using var http = scenario.Hub.CreateHttpClient();

        await broker.StopAsync();
        var registered = await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("away-new", Labels(("region", "east"))), default);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/v1/clusters/away-leaving")).StatusCode);
        await broker.StartAgainAsync();

        await using var newcomer = new SimulatedAgent("away-new", registered.Token, "127.0.0.1", broker.Port);
        await Eventually.UntilAsync(async () => await newcomer.ConnectAsync() == MqttClientConnectResultCode.Success,
            "the cluster registered while Mosquitto was away can connect once it is back", Reconnect);
        await newcomer.WaitForDesiredAsync(d => d.Groups.Count == 2, "and gets its desired state");
        await Eventually.UntilAsync(async () =>
        {
            await using var gone = new SimulatedAgent("away-leaving", leaving, "127.0.0.1", broker.Port);
            return await gone.ConnectAsync() != MqttClientConnectResultCode.Success;
        }, "the cluster deregistered while Mosquitto was away is refused once it is back", Reconnect);
    }

    [Fact]
    public async Task AClusterRegisteredWhileMosquittoWasAwayIsCreatedThereByTheNextHubStart()
    {
        using var broker = await Mosquitto.StartWithDynamicSecurityAsync();
        await using var scenario = await StartAsync(hub: o => o with { Settings = broker.HubSettings });
        await broker.StopAsync();
        var registered = await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("away-restart", Labels(("region", "east"))), default);

        // This hub stops before the broker is back: only the next one, from what it stored, can tell Mosquitto.
        await scenario.RestartAsync(whileStopped: broker.StartAgainAsync);

        await using var agent = new SimulatedAgent("away-restart", registered.Token, "127.0.0.1", broker.Port);
        await Eventually.UntilAsync(async () => await agent.ConnectAsync() == MqttClientConnectResultCode.Success,
            "the cluster registered while Mosquitto was away can connect after the next hub start", Reconnect);
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "and gets its desired state");
    }
}
