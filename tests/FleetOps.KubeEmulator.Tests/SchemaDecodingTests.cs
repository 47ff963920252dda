using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// Bodies kube-apiserver's decoder cannot read are 400s in its words; unknown fields follow fieldValidation
/// (Strict refuses, Warn warns, Ignore drops) and are never stored; what is stored is normalized.
/// </summary>
public sealed class SchemaDecodingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Theory]
    [InlineData("deployment-replicas-text.yaml", Deployments,
        "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("configmap-number-data.yaml", "/api/v1/namespaces/default/configmaps",
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string")]
    [InlineData("secret-not-base64.yaml", "/api/v1/namespaces/default/secrets",
        "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 7")]
    [InlineData("deployment-bad-quantity.yaml", Deployments,
        "Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    public async Task ABodyTheDecoderCannotReadIs400BadRequestInItsWords(string fixtureFile, string path, string message)
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, path, Yaml.ToJson(TestData.Read("schema", fixtureFile)));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", (string?)status["reason"]);
        Assert.Equal(message, (string?)status["message"]);
        Assert.Null(status["details"]);
    }

    [Fact]
    public async Task StrictRefusesEveryUnknownFieldAndStoresNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, Deployments + "?fieldValidation=Strict", Misspelt());

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
            + "unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].unknownNested\"",
            (string?)status["message"]);
        Assert.Null(cluster.Get("apps/v1", "Deployment", "default", "web"));
    }

    [Fact]
    public async Task WithoutFieldValidationUnknownFieldsAreDroppedWithAWarningEach()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, _, warnings) = await RawApi.ExchangeAsync(client, HttpMethod.Post, Deployments, Misspelt());

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(["299 - \"unknown field \\\"spec.replica\\\"\"", "299 - \"unknown field \\\"spec.template.spec.containers[0].unknownNested\\\"\""], warnings);
        var stored = cluster.Get("apps/v1", "Deployment", "default", "web")!;
        Assert.False(stored["spec"]!.AsObject().ContainsKey("replica"));
        Assert.False(stored["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().ContainsKey("unknownNested"));
    }

    [Fact]
    public async Task IgnoreDropsUnknownFieldsSilently()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, body, warnings) = await RawApi.ExchangeAsync(client, HttpMethod.Post, Deployments + "?fieldValidation=Ignore", Misspelt());

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Empty(warnings);
        Assert.False(body["spec"]!.AsObject().ContainsKey("replica"));
    }

    [Fact]
    public async Task AnUpdateBodyIsDecodedLikeACreateBody()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("configmap.yaml"));
        var live = cluster.Get("v1", "ConfigMap", "default", "settings")!;
        live["data"]!["port"] = 8080;

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Put, "/api/v1/namespaces/default/configmaps/settings", live.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string",
            (string?)status["message"]);
    }

    [Fact]
    public async Task AStrictMergePatchWithAnUnknownFieldIs422OnThePatch()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("schema", "deployment-resources.yaml"));

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, Deployments + "/web?fieldValidation=Strict",
            """{"spec":{"replica":3,"paused":true}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: \"{", (string?)status["message"]);
        Assert.EndsWith("\": strict decoding error: unknown field \"spec.replica\"", (string?)status["message"]);
        Assert.Equal("patch", (string?)status["details"]?["causes"]?[0]?["field"]);
        Assert.Null(cluster.Get("apps/v1", "Deployment", "default", "web")!["spec"]!["paused"]);
    }

    [Fact]
    public async Task AnUnknownFieldValidationValueIs422()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, Deployments + "?fieldValidation=Loose", Misspelt());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            (string?)status["message"]);
    }

    [Fact]
    public async Task ObjectsAreStoredNormalized()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, _) = await RawApi.SendAsync(client, HttpMethod.Post, Deployments, Yaml.ToJson(TestData.Read("schema", "deployment-resources.yaml")));

        Assert.Equal(HttpStatusCode.Created, code);
        var stored = cluster.Get("apps/v1", "Deployment", "default", "web")!;
        var container = stored["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("500m", (string?)container["resources"]!["requests"]!["cpu"]);
        Assert.Equal("1Gi", (string?)container["resources"]!["requests"]!["memory"]);
        Assert.Equal("1", (string?)container["resources"]!["limits"]!["cpu"]);
        Assert.Equal("1536Mi", (string?)container["resources"]!["limits"]!["memory"]);
        Assert.False(container.AsObject().ContainsKey("args"));
        Assert.False(stored["metadata"]!.AsObject().ContainsKey("annotations"));
    }

    [Fact]
    public async Task ReapplyingTheSameManifestOverItsNormalizedFormIsANoOp()
    {
        var cluster = fixture.NewCluster();
        // No simulated rollout status in between: only the second apply could move the resourceVersion.
        cluster.RolloutDelay = TimeSpan.FromDays(1);
        using var client = cluster.CreateClient();
        var manifest = Yaml.ToJson(TestData.Read("schema", "deployment-resources.yaml"));
        var (first, created) = await RawApi.ApplyAsync(client, Deployments + "/web", manifest, "fleetops");

        var (again, reapplied) = await RawApi.ApplyAsync(client, Deployments + "/web", manifest, "fleetops");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first, again));
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], (string?)reapplied["metadata"]!["resourceVersion"]);
        Assert.Equal("500m", (string?)reapplied["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]);
        Assert.True(Nodes.Owns(reapplied, "fleetops", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:resources", "f:requests", "f:cpu"));
        Assert.True(Nodes.Owns(reapplied, "fleetops", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:ports", "k:{\"containerPort\":8080,\"protocol\":\"TCP\"}"));
    }

    private static string Misspelt() => Yaml.ToJson(TestData.Read("schema", "deployment-misspelt.yaml"));
}
