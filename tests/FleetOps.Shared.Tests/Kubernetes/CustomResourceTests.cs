using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>Custom resources against their CRD's structural schema: pruned, defaulted, then validated (422) as kube-apiserver does.</summary>
public sealed class CustomResourceTests
{
    [Fact]
    public async Task AValidGadgetPassesAndItsSchemaIsFoundByApiVersionAndKind()
    {
        var options = await SchemaFixtures.CustomResources();

        var result = await SchemaFixtures.Check("crd", "valid", options, "Gadget");

        Assert.True(options.CustomResources.Defines("example.fleetops.io/v1", "Gadget"));
        Assert.True(result.HasSchema);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.UnknownFields);
        Assert.Equal(2, (int?)result.Normalized["spec"]!["extra"]!["anything"]!["goes"]![1]);
    }

    [Fact]
    public async Task ValuesOfTheWrongTypeAreTypeInvalidInKubeOpenapisWords()
    {
        var result = await SchemaFixtures.Check("crd", "wrong-types", await SchemaFixtures.CustomResources(), "Gadget");

        Assert.Equal(
            [
                "spec.enabled: Invalid value: \"string\": spec.enabled in body must be of type boolean: \"string\"",
                "spec.port: Invalid value: \"number\": spec.port in body must be of type integer,string: \"number\"",
                "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"",
                "spec.tags: Invalid value: \"string\": spec.tags in body must be of type array: \"string\"",
                "spec.weight: Invalid value: \"string\": spec.weight in body must be of type number: \"string\"",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.All(result.Errors, e => Assert.Equal((SchemaErrorKind.Invalid, "FieldValueTypeInvalid"), (e.Kind, e.Reason)));
    }

    [Fact]
    public async Task EnumBoundsPatternAndRequiredAreValidated()
    {
        var options = await SchemaFixtures.CustomResources();

        var outOfBounds = await SchemaFixtures.Check("crd", "out-of-bounds", options, "Gadget");
        var missing = await SchemaFixtures.Check("crd", "missing-required", options, "Gadget");

        Assert.Equal(
            [
                "spec.code: Invalid value: \"ABC\": spec.code in body should match '^[a-z]{3}-[0-9]+$'",
                "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\"",
                "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
            ],
            outOfBounds.Errors.Select(e => e.ToString()));
        Assert.Equal("spec.color: Required value", Assert.Single(missing.Errors).ToString());
    }

    [Fact]
    public async Task UnknownFieldsArePrunedUnlessTheSchemaPreservesThem()
    {
        var result = await SchemaFixtures.Check("crd", "unknown-fields", await SchemaFixtures.CustomResources(), "Gadget");

        Assert.Equal(["metadata.unknownMeta", "spec.colour", "spec.parts[0].spare", "surprise"], result.UnknownFields.Select(p => p.ToString()));
        Assert.Empty(result.Errors);
        var normalized = result.Normalized;
        Assert.False(normalized.ContainsKey("surprise"));
        Assert.False(normalized["metadata"]!.AsObject().ContainsKey("unknownMeta"));
        Assert.False(normalized["spec"]!.AsObject().ContainsKey("colour"));
        Assert.Equal("""{"name":"wheel","count":4}""", normalized["spec"]!["parts"]![0]!.ToJsonString());
        Assert.True((bool?)normalized["spec"]!["extra"]!["kept"]);
    }

    [Fact]
    public async Task DefaultsAreAppliedAtAnyDepthAndInsideDefaults()
    {
        var result = await SchemaFixtures.Check("crd", "defaults", await SchemaFixtures.CustomResources(), "Gadget");

        Assert.Empty(result.Errors);
        var spec = result.Normalized["spec"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"limits":{"cpu":"100m"},"mode":"fast","retries":3}"""), spec["settings"]));
        Assert.Equal(1, (int?)spec["parts"]![0]!["count"]);
    }

    [Fact]
    public async Task AnObjectWithoutTheDefaultedParentGetsTheWholeDefaultTree()
    {
        var result = await SchemaFixtures.Check("crd", "valid", await SchemaFixtures.CustomResources(), "Gadget");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"limits":{"cpu":"100m"},"mode":"fast","retries":3}"""), result.Normalized["spec"]!["settings"]));
    }

    [Fact]
    public async Task UnknownFieldsOfAServerSideApplyAreNotDeclaredInSchema()
    {
        var result = await SchemaFixtures.Check("crd", "unknown-fields", await SchemaFixtures.CustomResources(serverSideApply: true), "Gadget");

        Assert.Equal(
            [".metadata.unknownMeta: field not declared in schema", ".spec.colour: field not declared in schema",
             ".spec.parts[0].spare: field not declared in schema", ".surprise: field not declared in schema"],
            result.Errors.Select(e => e.Message));
        Assert.All(result.Errors, e => Assert.Equal(SchemaErrorKind.Apply, e.Kind));
    }

    [Fact]
    public async Task TheCrdItselfIsCheckedAsTheBuiltInKindItIs()
    {
        var crd = await SchemaFixtures.Object("crd", "gadgets.example.fleetops.io");
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["x_kubernetes_preserve_unknown_fields"] = true;

        var result = KubernetesSchema.Check(crd);

        Assert.Equal(["spec.versions[0].schema.openAPIV3Schema.x_kubernetes_preserve_unknown_fields"], result.UnknownFields.Select(p => p.ToString()));
    }
}
