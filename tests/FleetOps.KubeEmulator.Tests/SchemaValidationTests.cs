using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// Validation is 422 Invalid with the server's causes; server-side apply refuses what structured-merge-diff cannot
/// type (unknown fields, duplicate keys) with 500, as kube-apiserver 1.32 does, whatever fieldValidation says.
/// </summary>
public sealed class SchemaValidationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task AnIngressPathWithoutPathTypeIs422WithTheServersCause()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, "/apis/networking.k8s.io/v1/namespaces/default/ingresses",
            Yaml.ToJson(TestData.Read("schema", "ingress-without-path-type.yaml")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
            (string?)status["message"]);
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal(("FieldValueRequired", "Required value: pathType must be specified", "spec.rules[0].http.paths[0].pathType"),
            ((string?)cause["reason"], (string?)cause["message"], (string?)cause["field"]));
    }

    [Fact]
    public async Task AJobWithoutRestartPolicyIs422ForTheDefaultAlways()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, "/apis/batch/v1/namespaces/default/jobs",
            Yaml.ToJson(TestData.Read("schema", "job-without-restart-policy.yaml")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Job.batch \"migrate\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
            (string?)status["message"]);
        Assert.Equal("FieldValueNotSupported", (string?)status["details"]!["causes"]![0]!["reason"]);
    }

    [Fact]
    public async Task AMultiPortServiceWithoutNamesIs422WithACausePerPort()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Post, "/api/v1/namespaces/default/services",
            Yaml.ToJson(TestData.Read("schema", "service-unnamed-ports.yaml")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Service \"web\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]", (string?)status["message"]);
        Assert.Equal(["spec.ports[0].name", "spec.ports[1].name"], status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]));
    }

    [Fact]
    public async Task PatchingReplicasNegativeIs422AndChangesNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("schema", "deployment-resources.yaml"));

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web",
            """{"spec":{"replicas":-1}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", (string?)status["message"]);
        Assert.Equal(2, (int?)cluster.Get("apps/v1", "Deployment", "default", "web")!["spec"]!["replicas"]);
    }

    [Fact]
    public async Task ADuplicateEnvNameIsAWarningOnCreateButServerSideApplyRefusesIt()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var body = Yaml.ToJson(TestData.Read("schema", "deployment-duplicate-env.yaml"));

        var (applied, refusal) = await RawApi.ApplyAsync(client, "/apis/apps/v1/namespaces/default/deployments/web", body, "fleetops");
        var (created, _, warnings) = await RawApi.ExchangeAsync(client, HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", body);

        Assert.Equal(HttpStatusCode.InternalServerError, applied);
        Assert.Equal("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
            + ".spec.template.spec.containers[name=\"web\"].env: duplicate entries for key [name=\"FOO\"]", (string?)refusal["message"]);
        Assert.Null(refusal["reason"]);
        Assert.Equal(500, (int?)refusal["code"]);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(
            ["299 - \"spec.template.spec.containers[0].env[1]: hides previous definition of \\\"FOO\\\", which may be dropped when using apply\""],
            warnings);
    }

    [Theory]
    [InlineData("Strict")]
    [InlineData("Ignore")]
    public async Task ServerSideApplyRefusesUnknownFieldsWhateverFieldValidationSays(string validation)
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch,
            $"/apis/apps/v1/namespaces/default/deployments/web?fieldManager=fleetops&fieldValidation={validation}",
            Yaml.ToJson(TestData.Read("schema", "deployment-misspelt.yaml")), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal(
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n"
            + "  .spec.replica: field not declared in schema\n"
            + "  .spec.template.spec.containers[name=\"web\"].unknownNested: field not declared in schema",
            (string?)status["message"]);
        Assert.Null(cluster.Get("apps/v1", "Deployment", "default", "web"));
    }

    [Fact]
    public async Task AServerSideApplyOfTextReplicasIsNotTyped()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.ApplyAsync(client, "/apis/apps/v1/namespaces/default/deployments/web",
            Yaml.ToJson(TestData.Read("schema", "deployment-replicas-text.yaml")), "fleetops");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string",
            (string?)status["message"]);
    }
}
