using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>What the journal says a write changed: the manifest's fields whose stored value moved, in operators' words.</summary>
public sealed class ObjectDiffTests
{
    private static readonly ObjectRef Deployment = new("apps/v1", "Deployment", "shop", "podinfo");
    private static readonly ObjectRef ConfigMap = new("v1", "ConfigMap", "pos", "pos-region");

    [Fact]
    public void AnImageBumpAndAScaleReadAsImageAndReplicasAndAValueTheServerRewritesIsNoChange()
    {
        var change = ObjectDiff.Describe(Deployment, ChangeAction.Configured, Json("deployment"), Json("deployment-before"), Json("deployment-after"));

        Assert.Equal(
            [new FieldChange("replicas", "2", "3"), new FieldChange("image podinfo", "ghcr.io/stefanprodan/podinfo:6.14.1", "ghcr.io/stefanprodan/podinfo:6.14.2")],
            change.Fields);
        Assert.Equal("Deployment/shop/podinfo configured: replicas 2 → 3, image podinfo ghcr.io/stefanprodan/podinfo:6.14.1 → 6.14.2", change.ToString());
    }

    [Fact]
    public void AConfigMapNamesEveryKeyChangedOrRemoved()
    {
        var change = ObjectDiff.Describe(ConfigMap, ChangeAction.Configured, Json("configmap"), Json("configmap-before"), Json("configmap-after"));

        Assert.Equal([new FieldChange("data.legacy", "yes", null), new FieldChange("data.tax-rate", "0.07", "0.08")], change.Fields);
        Assert.Equal("ConfigMap/pos/pos-region configured: data.legacy removed (was yes), data.tax-rate 0.07 → 0.08", change.ToString());
    }

    [Fact]
    public void ASecretsKeysAreNamedButItsValuesNeverLeaveTheStore()
    {
        var secret = new ObjectRef("v1", "Secret", "pos", "keys");
        JsonObject Body(string pin) => new() { ["apiVersion"] = "v1", ["kind"] = "Secret", ["data"] = new JsonObject { ["pin"] = pin } };

        var change = ObjectDiff.Describe(secret, ChangeAction.Configured, Body("NDcxMQ=="), Body("MDAwMA=="), Body("NDcxMQ=="));

        Assert.Equal([new FieldChange("data.pin", null, null, Hidden: true)], change.Fields);
        Assert.DoesNotContain("MDAwMA", change.ToString());
        Assert.DoesNotContain("NDcxMQ", change.ToString());
    }

    [Fact]
    public void ACreatedObjectHasNoFieldsToCompare()
    {
        var change = ObjectDiff.Describe(ConfigMap, ChangeAction.Created, Json("configmap"), null, Json("configmap-after"));

        Assert.Equal(("ConfigMap/pos/pos-region", "created", 0), (change.Subject, change.Action, change.Fields.Count));
    }

    [Fact]
    public void TheJournalsObjectCutCountsTheRestPerKindInsteadOfDroppingThem()
    {
        var changes = new ChangeSet();
        for (var i = 0; i < 23; i++)
            changes.Add(new ObjectRef("v1", "ConfigMap", "pos", $"cm-{i:00}"), ChangeAction.Created);
        for (var i = 0; i < 4; i++)
            changes.Add(new ObjectRef("v1", "Secret", "pos", $"s-{i}"), ChangeAction.Configured);
        changes.Add(new ObjectRef("v1", "Service", "pos", "api"), ChangeAction.Unchanged);

        var detail = changes.Describe();

        Assert.EndsWith("ConfigMap/pos/cm-19 created; and 7 more: 4 Secret, 3 ConfigMap", detail);
    }

    private static JsonObject Json(string name) => JsonNode.Parse(TestData.Read("diff", name + ".json"))!.AsObject();
}
