using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>
/// Ownership read from managedFields, on live objects exactly as a real API server returns them
/// (testdata/drift/live: normalised quantities, defaults, FieldsV1 as the server records it).
/// </summary>
public sealed class FieldOwnershipTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private static IReadOnlyList<string> Unowned(JsonObject manifest, JsonObject live) => FieldOwnership.Unowned(manifest, live, Ownership.FieldManager);

    [Theory]
    [InlineData("Deployment", "deployment")]
    [InlineData("ConfigMap", "configmap")]
    [InlineData("Service", "service")]
    [InlineData("Widget", "widget")]
    public async Task EveryFieldOfTheManifestIsOwnedOnTheObjectTheServerNormalised(string kind, string live)
    {
        Assert.Empty(Unowned(await DriftFixtures.ManifestAsync(kind), DriftFixtures.Live(live)));
    }

    [Fact]
    public async Task AFieldKubectlEditChangedIsNoLongerOwned()
    {
        var unowned = Unowned(await DriftFixtures.ManifestAsync("Deployment"), DriftFixtures.Live("deployment-edited"));

        Assert.Equal([".spec.template.spec.containers[name=api].resources.limits.memory"], unowned);
    }

    [Fact]
    public async Task ALabelAMergePatchRemovedIsNoLongerOwned()
    {
        var unowned = Unowned(await DriftFixtures.ManifestAsync("ConfigMap"), DriftFixtures.Live("configmap-label-removed"));

        Assert.Equal([".metadata.labels.fleetops.io/cluster"], unowned);
    }

    [Fact]
    public async Task AFieldAnotherApplierForcedIsNoLongerOwned()
    {
        Assert.Equal([".spec.size"], Unowned(await DriftFixtures.ManifestAsync("Widget"), DriftFixtures.Live("widget-size-taken")));
    }

    [Fact]
    public async Task AnObjectCreatedByHandOwesNothingToOurManager()
    {
        var unowned = Assert.Single(Unowned(await DriftFixtures.ManifestAsync("ConfigMap"), DriftFixtures.Live("configmap-created-by-hand")));

        Assert.Contains("no Apply entry of 'fleetops'", unowned);
    }

    [Fact]
    public void APortWithAnotherProtocolIsNotTheOneOwned()
    {
        var live = Live("""{"f:spec":{"f:ports":{"k:{\"port\":53,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}""");

        Assert.Empty(Unowned(J("""{"spec":{"ports":[{"port":53}]}}"""), live));
        Assert.Equal([".spec.ports[port=53,protocol=UDP]"], Unowned(J("""{"spec":{"ports":[{"port":53,"protocol":"UDP"}]}}"""), live));
    }

    [Fact]
    public void SetMembersAndPositionsAreOwnedOneByOne()
    {
        var live = Live("""{"f:metadata":{"f:finalizers":{".":{},"v:\"example.com/keep\"":{}}},"f:spec":{"f:args":{"i:0":{}}}}""");

        Assert.Empty(Unowned(J("""{"metadata":{"finalizers":["example.com/keep"]},"spec":{"args":["--serve"]}}"""), live));
        Assert.Equal([".metadata.finalizers[\"example.com/other\"]", ".spec.args[1]"],
            Unowned(J("""{"metadata":{"finalizers":["example.com/keep","example.com/other"]},"spec":{"args":["--serve","--debug"]}}"""), live));
    }

    [Fact]
    public void NullsEmptyMapsAndServerSetMetadataNeedNoOwner()
    {
        var live = Live("""{"f:data":{"f:a":{}}}""");

        Assert.Empty(Unowned(J("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"y","creationTimestamp":null,"annotations":{}},"data":{"a":"1","b":null},"binaryData":{},"status":{"phase":"x"}}"""), live));
    }

    [Fact]
    public void ASecretsStringDataIsNeverTakenAsOwnedForItIsStoredAsData()
    {
        var live = Live("""{"f:stringData":{"f:pin":{}},"f:type":{}}""");

        Assert.Equal([".stringData (write-only: stored as data)"], Unowned(J("""{"apiVersion":"v1","kind":"Secret","type":"Opaque","stringData":{"pin":"4711"}}"""), live));
        Assert.Empty(Unowned(J("""{"apiVersion":"v1","kind":"Widget","type":"Opaque","stringData":{"pin":"4711"}}"""), live));
    }

    [Fact]
    public void AManagerOtherThanOursOrAnUpdateEntryOwnsNothingForUs()
    {
        var live = J("""
            {"metadata":{"managedFields":[
              {"manager":"fleetops","operation":"Update","fieldsV1":{"f:data":{"f:a":{}}}},
              {"manager":"kubectl","operation":"Apply","fieldsV1":{"f:data":{"f:a":{}}}},
              {"manager":"fleetops","operation":"Apply","subresource":"status","fieldsV1":{"f:data":{"f:a":{}}}}]}}
            """);

        Assert.Single(Unowned(J("""{"data":{"a":"1"}}"""), live));
    }

    [Fact]
    public void TwoApplyEntriesOfOurManagerOwnWhatEitherHolds()
    {
        var live = J("""
            {"metadata":{"managedFields":[
              {"manager":"fleetops","operation":"Apply","fieldsV1":{"f:data":{"f:a":{}}}},
              {"manager":"fleetops","operation":"Apply","fieldsV1":{"f:data":{"f:b":{}}}}]}}
            """);

        Assert.Empty(Unowned(J("""{"data":{"a":"1","b":"2"}}"""), live));
        Assert.Equal([".data.c"], Unowned(J("""{"data":{"a":"1","c":"3"}}"""), live));
    }

    // A live object whose only managedFields entry is our Apply with the given FieldsV1.
    private static JsonObject Live(string fieldsV1) =>
        J($$$"""{"metadata":{"managedFields":[{"manager":"fleetops","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{{{fieldsV1}}}}]}}""");
}
