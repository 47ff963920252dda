using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Brokers;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// The scale-out broker setting: the hub connects to Mosquitto with a shared subscription instead of
/// running its own broker. Mosquitto does the agents' authentication there, so these agents connect anonymously.
/// </summary>
public sealed class ExternalBrokerTests
{
    [Fact]
    public async Task ThroughMosquittoAgentsGetDesiredStateAndAcksAndTheirStatusArrives()
    {
        using var broker = await Mosquitto.StartAsync();
        await using var scenario = await StartAsync(hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Mqtt:BrokerUrl"] = $"mqtt://127.0.0.1:{broker.Port}", ["Hub:Mqtt:Credentials"] = "None" },
        });
        await scenario.Hub.Client.RegisterAsync(new RegisterClusterRequest("store-external", Labels(("region", "east"))), default);

        await using var agent = new SimulatedAgent("store-external", "", "127.0.0.1", broker.Port);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync(password: ""));
        var desired = await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "the retained desired state arrives through Mosquitto");
        await agent.SayHelloAsync(Labels(("region", "east")));
        await agent.ReportAsync(Phase.Converged);
        var seq = await agent.JournalAsync(4);

        await Eventually.UntilAsync(() => agent.AckedSeq == seq, "the journal is acknowledged through Mosquitto");
        await Eventually.UntilAsync(async () => (await scenario.Hub.Client.GetClusterAsync("store-external", default)).Phase == Phase.Converged, "the status arrives");
        Assert.Equal(scenario.Repository.Head, desired.Groups[0].Revision);
    }
}
