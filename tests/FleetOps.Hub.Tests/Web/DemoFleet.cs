using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Web;

/// <summary>
/// A hub over the demo's fleet-config (rendered by kustomize, as in the demo) with four stores labelled as the demo
/// labels its first four, in four different states: converged, failed, silent and offline. store-0001 has journaled
/// an event while offline (written half an hour before the hub received it), one whose detail holds a script tag, and
/// its convergence on platform's target.
/// </summary>
public sealed class DemoFleet : IAsyncLifetime
{
    public const string Converged = "store-0001";
    public const string Failing = "store-0002";
    public const string Silent = "store-0003";
    public const string Gone = "store-0004";
    public const string ScriptDetail = "<script>window.__injected = 1</script><b>bold?</b>";
    public const string FailureMessage = "Deployment/pos/api apply failed: spec.replicas: Invalid value: -1";

    public static readonly string[] Groups = ["platform", "pos-east", "pos-west", "kitchen-display", "menu-board"];

    private HubScenario scenario = null!;

    public InProcessHub Hub => scenario.Hub;

    public async Task InitializeAsync()
    {
        scenario = await StartAsync(realRenderer: true, template: Checkout.PathOf("fleet-config"));
        var converged = await scenario.AddAgentAsync(Converged, Labels(("region", "east"), ("ring", "canary"), ("hardware", "nuc-11")));
        var failing = await scenario.AddAgentAsync(Failing, Labels(("region", "west"), ("ring", "stable"), ("hardware", "menu-screen-v3")));
        await scenario.AddAgentAsync(Silent, Labels(("region", "east"), ("ring", "stable"), ("hardware", "menu-screen-v2")));
        var gone = await scenario.AddAgentAsync(Gone, Labels(("region", "west"), ("ring", "stable"), ("hardware", "nuc-11"), ("kitchen", "none")));

        await WaitForDesiredAsync(converged, failing, gone);
        await converged.ReportAsync(Phase.Converged);
        await failing.ReportAsync(Phase.Failed, Reasons.ApplyFailed, FailureMessage);
        await gone.ReportAsync(Phase.Converged);
        await gone.GoOfflineAsync();

        var now = DateTimeOffset.UtcNow;
        await converged.SendJournalAsync(
            new JournalEvent(1, now.AddMinutes(-30), JournalEventKinds.DriftCorrected, "platform", null, "put back ConfigMap/store-platform/mqtt-bridge while offline"),
            new JournalEvent(2, now, JournalEventKinds.Applied, "platform", null, ScriptDetail),
            new JournalEvent(3, now, JournalEventKinds.Converged, "platform", converged.LatestDesired!.Groups.Single(g => g.Name == "platform").Revision, "ReconciliationSucceeded"));
        await Eventually.UntilAsync(async () =>
        {
            var fleet = await Hub.Client.GetFleetAsync(default);
            var store = await Hub.Client.GetClusterAsync(Converged, default);
            return fleet.Clusters is { Converged: 1, Failed: 1, Offline: 1 } && store.RecentEvents.Count == 3;
        }, "the four stores' states and store-0001's journal reached the hub");
    }

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private static Task WaitForDesiredAsync(params SimulatedAgent[] agents) =>
        Task.WhenAll(agents.Select(a => a.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "platform"), "its desired state names platform")));
}
