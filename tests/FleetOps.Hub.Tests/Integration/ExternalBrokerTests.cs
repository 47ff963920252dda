using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using static FleetOps.Hub.Tests.Harness.HubScenario;

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
        using var folder = new TempFolder();
        var repository = FleetRepository.Create(folder.Sub("repo"));
        await using var hub = await TestHub.StartAsync(folder.Sub("data"), repository.Path, settings: new Dictionary<string, string?>
        {
            ["Hub:Mqtt:BrokerUrl"] = $"mqtt://127.0.0.1:{broker.Port}",
        });
        await hub.Api.RefreshAsync();
        await hub.Api.RegisterAsync("store-external", Labels(("region", "east")));

        await using var agent = new SimulatedAgent("store-external", "", "127.0.0.1", broker.Port);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, await agent.ConnectAsync(password: ""));
        var desired = await DesiredAsync(agent, d => d.Groups.Count == 2, "the retained desired state arrives through Mosquitto");
        await agent.SayHelloAsync(Labels(("region", "east")));
        await agent.ReportAsync(Phase.Converged);
        var seq = await agent.JournalAsync(4);

        await Eventually.UntilAsync(() => agent.AckedSeq == seq, "the journal is acknowledged through Mosquitto");
        await Eventually.UntilAsync(async () => (await hub.Api.ClusterAsync("store-external"))!.Phase == Phase.Converged, "the status arrives");
        Assert.Equal(repository.Head, desired.Groups[0].Revision);
    }
}
