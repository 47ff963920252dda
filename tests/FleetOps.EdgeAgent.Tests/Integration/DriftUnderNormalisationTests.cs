using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.KubeEmulator;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The periodic drift check against the emulator with manifests whose values an API server rewrites (cpu 0.5,
/// 1024Mi, an empty annotations map, a custom resource that omits its schema defaults): a converged group stays
/// quiet, and an edit by another field manager is put back once. The decision itself is also tested on live
/// objects exactly as a real server returns them (Apply/DriftDecisionTests), whatever the emulator normalises.
/// </summary>
public sealed class DriftUnderNormalisationTests(EmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private const string Group = "till";
    private const string Namespace = "till";
    private const int IntervalSeconds = 60;

    [Fact]
    public async Task AGroupWhoseValuesTheServerRewritesConvergesOnceThenStaysQuietAndAnEditIsCorrectedOnce()
    {
        await using var h = await ConvergedAsync();

        var journal = h.Journal.Count;
        h.Cluster.ClearRequests();
        await PeriodicRunsAsync(h, 20);

        Assert.Equal(0, h.Cluster.WriteRequestCount);
        Assert.DoesNotContain(h.Cluster.Requests, r => r.DryRun);
        Assert.Equal(journal, h.Journal.Count);
        Assert.Equal(Phase.Converged, h.Status(Group)!.Phase);

        var memory = Limit(h.Cluster);
        await EditLimitAsync(h.Cluster, "2Gi");
        h.Cluster.ClearRequests();
        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected), "the next run puts the limit back", advance: h.Time, step: TimeSpan.FromSeconds(IntervalSeconds));
        await PeriodicRunsAsync(h, 3);

        var drift = Assert.Single(h.Journal, e => e.Kind == JournalEventKinds.DriftCorrected);
        // The journal says what was put back, from the server's own values before and after (no 1Gi-versus-1024Mi noise).
        Assert.Equal($"Deployment/till/pos-api configured: containers[api].resources.limits.memory 2Gi → {memory}", drift.Detail);
        var change = Assert.Single(drift.Changes!);
        Assert.Equal(("Deployment/till/pos-api", "configured"), (change.Subject, change.Action));
        Assert.Equal(new FieldChange("containers[api].resources.limits.memory", "2Gi", memory), Assert.Single(change.Fields));
        Assert.Equal(journal + 1, h.Journal.Count);
        Assert.Equal(memory, Limit(h.Cluster));
        var write = Assert.Single(h.Cluster.Requests, r => r.IsWrite);
        Assert.Equal(("patch", "deployments", "pos-api", Ownership.FieldManager), (write.Verb, write.Resource, write.Name, write.FieldManager));
        Assert.Single(h.Cluster.Requests, r => r.DryRun);
    }

    [Fact]
    public async Task AFieldEditedAndEditedBackIsCheckedByOneDryRunAndNeverWritten()
    {
        await using var h = await ConvergedAsync();
        var memory = Limit(h.Cluster);
        await EditLimitAsync(h.Cluster, "2Gi");
        await EditLimitAsync(h.Cluster, memory);
        var journal = h.Journal.Count;
        h.Cluster.ClearRequests();

        // kubectl-edit owns the limit now, with the manifest's value: nothing to correct, which only the server can say.
        await PeriodicRunsAsync(h, 5);

        Assert.Equal(0, h.Cluster.WriteRequestCount);
        var dryRun = Assert.Single(h.Cluster.Requests, r => r.DryRun);
        Assert.Equal(("deployments", "pos-api"), (dryRun.Resource, dryRun.Name));
        Assert.Equal(journal, h.Journal.Count);
        Assert.Equal(memory, Limit(h.Cluster));
    }

    [Fact]
    public async Task ASecretAppliedFromStringDataIsDryRunOnceThenReadOnlyAndAnEditOfItsDataIsCorrected()
    {
        await using var h = new AgentHarness(emulator.Server);
        var rev = h.Repo.CopyFrom("drift/secret", "keys").Commit("keys");
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev, path: "keys", group: "keys", intervalSeconds: IntervalSeconds));
        await h.WaitConvergedAsync(rev, "keys");
        var pin = h.Cluster.Get("v1", "Secret", "till-keys", "terminal")!["data"]!["pin"]!.ToString();
        h.Cluster.ClearRequests();

        // The first run asks the server (stringData says nothing about what is stored), the rest remember its answer.
        await PeriodicRunsAsync(h, 5, "keys");
        Assert.Equal(0, h.Cluster.WriteRequestCount);
        Assert.Single(h.Cluster.Requests, r => r.DryRun);

        using (var client = h.Cluster.CreateClient())
        {
            var patch = new V1Patch("""{"data":{"pin":"MDAwMA=="}}""", V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedSecretAsync(patch, "terminal", "till-keys", fieldManager: "kubectl-edit");
        }
        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected), "the next run puts the pin back", advance: h.Time, step: TimeSpan.FromSeconds(IntervalSeconds));

        // Which key was put back, never its value (neither the edit's nor the manifest's).
        var corrected = Assert.Single(h.Journal, e => e.Kind == JournalEventKinds.DriftCorrected);
        Assert.Equal("Secret/till-keys/terminal configured: data.pin changed (value hidden)", corrected.Detail);
        Assert.Equal(new FieldChange("data.pin", null, null, Hidden: true), Assert.Single(Assert.Single(corrected.Changes!).Fields));
        Assert.Equal(pin, h.Cluster.Get("v1", "Secret", "till-keys", "terminal")!["data"]!["pin"]!.ToString());
    }

    private async Task<AgentHarness> ConvergedAsync()
    {
        var h = new AgentHarness(emulator.Server);
        try
        {
            var rev = h.Repo.CopyFrom("drift/manifests", Group).Commit("till");
            await h.StartAgentAsync();
            h.SetDesired(h.Desired(1, rev, path: Group, group: Group, intervalSeconds: IntervalSeconds));
            await h.WaitConvergedAsync(rev, Group);
            Assert.Equal(6, h.LastChangeSet(Group)!.Count(ChangeAction.Created));
            Report(h.Cluster);
            return h;
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    // What `kubectl edit` sends: a strategic merge patch, recorded as an Update by manager kubectl-edit.
    private static async Task EditLimitAsync(EmulatedCluster cluster, string memory)
    {
        using var client = cluster.CreateClient();
        var patch = JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"api","resources":{"limits":{}}}]}}}}""")!;
        patch["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"] = memory;
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), "pos-api", Namespace, fieldManager: "kubectl-edit");
    }

    // Moves the clock an interval at a time until the group has completed the given number of further runs.
    private static async Task PeriodicRunsAsync(AgentHarness h, int runs, string group = Group)
    {
        var last = h.LastChangeSet(group);
        var seen = 0;
        await Eventually.UntilAsync(() =>
        {
            if (h.LastChangeSet(group) is { } now && !ReferenceEquals(now, last))
            {
                last = now;
                seen++;
            }
            return seen >= runs;
        }, () => $"{runs} periodic runs of {group} (saw {seen})", timeout: TimeSpan.FromSeconds(60), advance: h.Time, step: TimeSpan.FromSeconds(IntervalSeconds));
    }

    private static string Limit(EmulatedCluster cluster) =>
        cluster.Get("apps/v1", "Deployment", Namespace, "pos-api")!["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]!.ToString();

    // What the emulator made of the values; on kube-apiserver: 500m, 1Gi, no annotations, defaults filled in.
    private void Report(EmulatedCluster cluster)
    {
        var deployment = cluster.Get("apps/v1", "Deployment", Namespace, "pos-api")!;
        var resources = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        var settings = cluster.Get("v1", "ConfigMap", Namespace, "till-settings")!;
        var widget = cluster.Get("example.fleetops.io/v1", "Widget", Namespace, "till-display")!;
        output.WriteLine($"live cpu {resources["requests"]!["cpu"]!.ToJsonString()}, memory limit {resources["limits"]!["memory"]!.ToJsonString()}, "
            + $"annotations {settings["metadata"]!["annotations"]?.ToJsonString() ?? "(none)"}, widget spec {widget["spec"]!.ToJsonString()}");
    }
}
