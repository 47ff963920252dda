using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>The write-or-not decision on live objects as a real API server returns them (testdata/drift).</summary>
public sealed class DriftDetectorTests
{
    private const string Hash = "h1";

    // The drift check reads the response as parsed, not as nodes.
    private static JsonElement E(JsonObject live) => JsonElement.Parse(live.ToJsonString());

    private static async Task<DesiredObject> DeploymentAsync()
    {
        var body = await DriftFixtures.ManifestAsync("Deployment");
        return new DesiredObject(new ObjectRef("apps/v1", "Deployment", "till", "pos-api"), body, Hash);
    }

    [Fact]
    public async Task AMissingObjectIsCreatedAndAChangedManifestIsAppliedWithoutLookingFurther()
    {
        var desired = await DeploymentAsync();
        var detector = new DriftDetector();

        Assert.Equal(ChangeAction.Created, detector.Decide(desired, null, Hash, out _));
        Assert.Equal(ChangeAction.Configured, detector.Decide(desired, E(DriftFixtures.Live("deployment")), "h0", out _));
        Assert.Equal(ChangeAction.Configured, detector.Decide(desired, E(DriftFixtures.Live("deployment")), null, out _));
    }

    [Fact]
    public async Task AnObjectTheServerNormalisedIsUnchangedWithoutAskingTheServer()
    {
        var action = new DriftDetector().Decide(await DeploymentAsync(), E(DriftFixtures.Live("deployment")), Hash, out var unowned);

        Assert.Equal(ChangeAction.Unchanged, action);
        Assert.Empty(unowned);
    }

    [Fact]
    public async Task AFieldNoLongerOwnedIsLeftToADryRunWhichFindsTheEdit()
    {
        var desired = await DeploymentAsync();
        var detector = new DriftDetector();
        var edited = DriftFixtures.Live("deployment-edited");

        Assert.Null(detector.Decide(desired, E(edited), Hash, out var unowned));
        Assert.Equal([".spec.template.spec.containers[name=api].resources.limits.memory"], unowned);
        // The dry run's answer: the limit put back to what the manifest says, as the server stores it.
        var dryRun = DriftFixtures.Live("deployment");
        dryRun["metadata"]!["resourceVersion"] = "48377";
        Assert.Equal(ChangeAction.Configured, detector.Judge(desired, edited, dryRun));
    }

    [Fact]
    public async Task ADryRunThatChangesNothingIsRememberedUntilTheObjectChanges()
    {
        var desired = await DeploymentAsync();
        var detector = new DriftDetector();
        // Someone took the limit and wrote it back with the same value: ours no longer, yet nothing to correct.
        var live = DriftFixtures.Live("deployment-edited");
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"] = "1Gi";
        var dryRun = live.DeepClone().AsObject();
        dryRun["metadata"]!["managedFields"]![0]!["time"] = "2026-11-27T12:00:00Z";

        Assert.Null(detector.Decide(desired, E(live), Hash, out _));
        Assert.Equal(ChangeAction.Unchanged, detector.Judge(desired, live, dryRun));
        Assert.Equal(ChangeAction.Unchanged, detector.Decide(desired, E(live), Hash, out _));

        live["metadata"]!["resourceVersion"] = "48999";
        Assert.Null(detector.Decide(desired, E(live), Hash, out _));
        detector.Judge(desired, live, dryRun);
        detector.Forget(desired.Ref);
        Assert.Null(detector.Decide(desired, E(live), Hash, out _));
    }

    [Fact]
    public void ADryRunAnswerDiffersOnlyInWhatChangesByItselfIsNoChange()
    {
        var live = DriftFixtures.Live("deployment");
        var dryRun = JsonNode.Parse(live.ToJsonString())!.AsObject();
        dryRun["metadata"]!["resourceVersion"] = "1";
        dryRun["metadata"]!["managedFields"]![0]!["time"] = "2030-01-01T00:00:00Z";
        dryRun["status"] = new JsonObject { ["replicas"] = 0 };
        // Key order is the server's business, not a change.
        var spec = dryRun["spec"]!.AsObject();
        var replicas = spec["replicas"]!.DeepClone();
        spec.Remove("replicas");
        spec["replicas"] = replicas;

        Assert.True(DryRunComparison.ChangesNothing(dryRun, live));
        dryRun["metadata"]!["labels"]!["app"] = "other";
        Assert.False(DryRunComparison.ChangesNothing(dryRun, live));
    }
}
