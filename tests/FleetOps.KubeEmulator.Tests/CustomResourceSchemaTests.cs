using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using FleetOps.Testing.Polling;
using k8s;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Custom resources against their CRD's openAPIV3Schema: pruned, defaulted, validated.</summary>
public sealed class CustomResourceSchemaTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Gadgets = "/apis/example.fleetops.io/v1/namespaces/default/gadgets";

    [Fact]
    public async Task UnknownFieldsArePrunedWithWarningsAndDefaultsAppliedAtDepth()
    {
        var cluster = fixture.NewCluster();
        using var client = await WithGadgetCrd(cluster);

        var (code, body, warnings) = await RawApi.ExchangeAsync(client, HttpMethod.Post, Gadgets, Yaml.ToJson(TestData.Read("schema", "gadget.yaml")));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(["299 - \"unknown field \\\"spec.colour\\\"\""], warnings);
        var stored = cluster.Get("example.fleetops.io/v1", "Gadget", "default", "blue")!;
        Assert.True(JsonNode.DeepEquals(body, stored));
        Assert.False(stored["spec"]!.AsObject().ContainsKey("colour"));
        Assert.True((bool?)stored["spec"]!["extra"]!["kept"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"limits":{"cpu":"100m"},"mode":"fast"}"""), stored["spec"]!["settings"]));
    }

    [Fact]
    public async Task StrictRefusesAnUnknownFieldOfACustomResource()
    {
        var cluster = fixture.NewCluster();
        using var client = await WithGadgetCrd(cluster);

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, Gadgets + "?fieldValidation=Strict", Yaml.ToJson(TestData.Read("schema", "gadget.yaml")));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Gadget in version \"v1\" cannot be handled as a Gadget: strict decoding error: unknown field \"spec.colour\"", (string?)status["message"]);
    }

    [Fact]
    public async Task SchemaViolationsAre422WithACausePerField()
    {
        var cluster = fixture.NewCluster();
        using var client = await WithGadgetCrd(cluster);

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, Gadgets, Yaml.ToJson(TestData.Read("schema", "gadget-invalid.yaml")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Gadget.example.fleetops.io \"pink\" is invalid: ["
            + "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\", "
            + "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"]", (string?)status["message"]);
        Assert.Equal(["FieldValueNotSupported", "FieldValueTypeInvalid"], status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["reason"]));
    }

    [Fact]
    public async Task ServerSideApplyOfAnUndeclaredCustomResourceFieldIsRefused()
    {
        var cluster = fixture.NewCluster();
        using var client = await WithGadgetCrd(cluster);

        var (code, status) = await RawApi.ApplyAsync(client, Gadgets + "/blue", Yaml.ToJson(TestData.Read("schema", "gadget.yaml")), "fleetops");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("failed to create typed patch object (default/blue; example.fleetops.io/v1, Kind=Gadget): .spec.colour: field not declared in schema",
            (string?)status["message"]);
    }

    [Fact]
    public async Task TheTypedClientGetsTheSame422()
    {
        var cluster = fixture.NewCluster();
        using var client = await WithGadgetCrd(cluster);
        var gadget = JsonNode.Parse(Yaml.ToJson(TestData.Read("schema", "gadget-invalid.yaml")))!;

        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            client.CustomObjects.CreateNamespacedCustomObjectAsync(gadget, "example.fleetops.io", "v1", "default", "gadgets"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        Assert.Equal("Invalid", (string?)Nodes.Status(e)["reason"]);
        Assert.Empty(cluster.List("example.fleetops.io/v1", "Gadget"));
    }

    private static async Task<Kubernetes> WithGadgetCrd(EmulatedCluster cluster)
    {
        var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("schema", "crd-gadgets.yaml"));
        await Eventually.UntilAsync(async () =>
            (await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("gadgets.example.fleetops.io")).Status?.Conditions?
                .Any(c => c.Type == "Established" && c.Status == "True") == true,
            "the gadgets CRD is Established");
        return client;
    }
}
