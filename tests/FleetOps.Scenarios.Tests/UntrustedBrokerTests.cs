using FleetOps.EdgeAgent.Link;
using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Network;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// Agents verify the hub over mqtts with FLEETOPS_BROKER_CA (every scenario's stores do). A store given another CA
/// (or facing a broker that is not its hub's) refuses the certificate: it says why, keeps running and retrying, keeps
/// correcting drift from its cache, and loses none of what it journaled meanwhile.
/// </summary>
public sealed class UntrustedBrokerTests
{
    [Fact]
    public async Task AStoreWithAnotherCaRefusesTheHubKeepsWorkingAndLosesNoEvent()
    {
        using var folder = new TempDir("fleetops-other-ca");
        var otherCa = folder.Write("other-ca.crt", TestCertificates.Ca().ExportCertificatePem());
        await using var fleet = await ScenarioFleet.StartAsync([Stores.East("store-tls")]);
        var store = fleet.Fleet["store-tls"];
        await fleet.WaitConvergedAsync("pos-east", fleet.Repository.Head, ["store-tls"]);

        store.TrustBrokerCa(otherCa);
        await store.RestartAsync();
        var link = store.Agent!.Services.GetRequiredService<IHubLink>();
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(link.Problem?.Contains("does not chain to the CA in FLEETOPS_BROKER_CA", StringComparison.Ordinal) == true),
            "the agent to refuse the hub's certificate, saying why");
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.ClusterAsync("store-tls")).Phase == Phase.Offline, "the hub to see the store offline");

        // Someone at the store edits the POS config by hand; the agent, cut off by its own refusal, still corrects it.
        using (var kube = store.Cluster.CreateClient())
            await kube.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"currency\":\"EUR\"}}", V1Patch.PatchType.MergePatch), "pos-config", "pos", fieldManager: "store-manager");
        await ScenarioFleet.EventuallyAsync(() => Task.FromResult(Currency(store) == "USD"), "the agent to restore the config while refusing the hub");
        Assert.True(store.IsRunning);
        Assert.False(link.IsConnected);
        Assert.StartsWith("the broker's certificate is not trusted: ", link.Problem);
        Assert.DoesNotContain((await fleet.HistoryAsync("store-tls")).Events, e => e.Kind == JournalEventKinds.DriftCorrected);

        store.TrustBrokerCa(null);
        await store.RestartAsync();
        await ScenarioFleet.EventuallyAsync(async () => (await fleet.HistoryAsync("store-tls")).Events.Any(e => e.Kind == JournalEventKinds.DriftCorrected),
            "the journal written while refusing the hub to reach it");

        var seqs = (await fleet.HistoryAsync("store-tls")).Events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
    }

    private static string? Currency(Simulator.Stores.SimulatedStore store) =>
        store.Cluster.Get("v1", "ConfigMap", "pos", "pos-config")?["data"]?["currency"]?.GetValue<string>();
}
