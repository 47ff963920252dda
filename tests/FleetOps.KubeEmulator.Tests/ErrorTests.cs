using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Every rejection comes back as a Kubernetes Status body with the real reason and code.</summary>
public sealed class ErrorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task MissingObjectIs404NotFound()
    {
        using var client = fixture.NewCluster().CreateClient();

        var status = await Rejected(HttpStatusCode.NotFound, () => client.AppsV1.ReadNamespacedDeploymentAsync("ghost", "default"));

        Assert.Equal("NotFound", (string?)status["reason"]);
        Assert.Equal("deployments.apps \"ghost\" not found", (string?)status["message"]);
        Assert.Equal("apps", (string?)status["details"]?["group"]);
        Assert.Equal("deployments", (string?)status["details"]?["kind"]);
        Assert.Equal("ghost", (string?)status["details"]?["name"]);
    }

    [Fact]
    public async Task CreatingInANamespaceThatDoesNotExistIs404()
    {
        using var client = fixture.NewCluster().CreateClient();

        var status = await Rejected(HttpStatusCode.NotFound, () => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), "nowhere"));
        var read = await Rejected(HttpStatusCode.NotFound, () => client.CoreV1.ReadNamespacedConfigMapAsync("x", "nowhere"));

        Assert.Equal("namespaces \"nowhere\" not found", (string?)status["message"]);
        Assert.Equal("NotFound", (string?)read["reason"]);
    }

    [Fact]
    public async Task CreatingAnExistingNameIs409AlreadyExists()
    {
        using var client = fixture.NewCluster().CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), "default");

        var status = await Rejected(HttpStatusCode.Conflict, () => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dup"), "default"));

        Assert.Equal("AlreadyExists", (string?)status["reason"]);
        Assert.Equal("configmaps \"dup\" already exists", (string?)status["message"]);
    }

    [Fact]
    public async Task ReplacingWithAStaleResourceVersionIs409Conflict()
    {
        using var client = fixture.NewCluster().CreateClient();
        var original = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "default");
        var fresh = await client.CoreV1.ReadNamespacedConfigMapAsync("cm", "default");
        fresh.Data = new Dictionary<string, string> { ["k"] = "new" };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, "cm", "default");

        original.Data = new Dictionary<string, string> { ["k"] = "stale" };
        var status = await Rejected(HttpStatusCode.Conflict, () => client.CoreV1.ReplaceNamespacedConfigMapAsync(original, "cm", "default"));

        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", (string?)status["message"]);
    }

    [Theory]
    [InlineData("", "metadata.name: Required value")]
    [InlineData("Bad_Name", "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain")]
    public async Task InvalidNamesAre422(string name, string expected)
    {
        using var client = fixture.NewCluster().CreateClient();

        var status = await Rejected(HttpStatusCode.UnprocessableEntity, () => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), "default"));

        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Contains(expected, (string?)status["message"]);
        Assert.Equal("ConfigMap", (string?)status["details"]?["kind"]);
    }

    [Theory]
    [InlineData("bad key!", "ok", "name part must consist of alphanumeric characters")]
    [InlineData("example.com/app", "not a valid value", "a valid label must be an empty string or consist of alphanumeric characters")]
    [InlineData("app", "-leading-dash", "must start and end with an alphanumeric character")]
    public async Task InvalidLabelsAre422(string key, string value, string expected)
    {
        using var client = fixture.NewCluster().CreateClient();
        var configMap = ConfigMap("labelled");
        configMap.Metadata.Labels = new Dictionary<string, string> { [key] = value };

        var status = await Rejected(HttpStatusCode.UnprocessableEntity, () => client.CoreV1.CreateNamespacedConfigMapAsync(configMap, "default"));

        Assert.StartsWith("ConfigMap \"labelled\" is invalid: metadata.labels: Invalid value", (string?)status["message"]);
        Assert.Contains(expected, (string?)status["message"]);
        Assert.Equal("metadata.labels", (string?)status["details"]?["causes"]?[0]?["field"]);
    }

    [Fact]
    public async Task ChangingADeploymentSelectorIs422Immutable()
    {
        using var client = fixture.NewCluster().CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesYaml.Deserialize<V1Deployment>(TestData.Read("deployment.yaml")), "default");
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        deployment.Spec.Selector.MatchLabels["app"] = "web2";
        deployment.Spec.Template.Metadata.Labels["app"] = "web2";

        var status = await Rejected(HttpStatusCode.UnprocessableEntity, () => client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default"));

        Assert.StartsWith("Deployment.apps \"web\" is invalid: spec.selector: Invalid value", (string?)status["message"]);
        Assert.EndsWith("field is immutable", (string?)status["message"]);
    }

    [Fact]
    public async Task ChangingStatefulSetAndDaemonSetSelectorsIs422()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("statefulset.yaml"));
        cluster.Apply(TestData.Read("daemonset.yaml"));

        var sts = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/statefulsets/db",
            """{"spec":{"selector":{"matchLabels":{"app":"db2"}},"template":{"metadata":{"labels":{"app":"db2"}}}}}""", "application/merge-patch+json");
        var ds = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/daemonsets/log-shipper",
            """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sts.Code);
        Assert.Contains("spec: Forbidden: updates to statefulset spec for fields other than", (string?)sts.Body["message"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ds.Code);
        Assert.Contains("spec.selector: Invalid value: v1.LabelSelector{", (string?)ds.Body["message"]);
    }

    [Fact]
    public async Task ChangingAServiceClusterIpIs422()
    {
        using var client = fixture.NewCluster().CreateClient();
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, "default");

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/api/v1/namespaces/default/services/web",
            """{"spec":{"clusterIP":"10.43.99.99","clusterIPs":["10.43.99.99"]}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.clusterIPs[0]: Invalid value: \"10.43.99.99\": may not change once set", (string?)status["message"]);
    }

    [Fact]
    public async Task ChangingAJobTemplateIs422()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("job.yaml"));

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/batch/v1/namespaces/default/jobs/migrate",
            """{"spec":{"template":{"spec":{"containers":[{"name":"migrate","image":"example.com/migrate:2.2"}]}}}}""", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.template: Invalid value", (string?)status["message"]);
        Assert.Contains("field is immutable", (string?)status["message"]);
    }

    [Fact]
    public async Task DeploymentWhoseSelectorDoesNotMatchItsTemplateIs422()
    {
        using var client = fixture.NewCluster().CreateClient();
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(TestData.Read("deployment.yaml"));
        deployment.Spec.Template.Metadata.Labels["app"] = "other";

        var status = await Rejected(HttpStatusCode.UnprocessableEntity, () => client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default"));

        Assert.Contains("`selector` does not match template `labels`", (string?)status["message"]);
    }

    [Fact]
    public async Task BodyWhoseApiVersionOrKindDoesNotMatchTheUrlIsRejected()
    {
        // The real API server answers 400 BadRequest here (not 422): its decoder rejects the body before validation.
        using var client = fixture.NewCluster().CreateClient();

        var wrongVersion = await RawApi.SendAsync(client, HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments",
            """{"apiVersion":"apps/v1beta1","kind":"Deployment","metadata":{"name":"x"}}""");
        var wrongKind = await RawApi.SendAsync(client, HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""");
        var wrongApplyVersion = await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/x",
            "apiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: x\n", "fleetops");

        Assert.Equal(HttpStatusCode.BadRequest, wrongVersion.Code);
        Assert.Equal("the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)", (string?)wrongVersion.Body["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.Code);
        Assert.Equal(HttpStatusCode.BadRequest, wrongApplyVersion.Code);
        Assert.StartsWith("Incorrect version specified in apply patch", (string?)wrongApplyVersion.Body["message"]);
    }

    [Fact]
    public async Task UnknownResourcesAre404()
    {
        using var client = fixture.NewCluster().CreateClient();

        var unknownResource = await RawApi.SendAsync(client, HttpMethod.Get, "/api/v1/namespaces/default/gizmos");
        var unknownGroup = await RawApi.SendAsync(client, HttpMethod.Get, "/apis/example.com/v1/widgets");

        Assert.Equal(HttpStatusCode.NotFound, unknownResource.Code);
        Assert.Equal("the server could not find the requested resource", (string?)unknownResource.Body["message"]);
        Assert.Equal(HttpStatusCode.NotFound, unknownGroup.Code);
    }

    [Fact]
    public async Task NamespacedObjectOfADeletedNamespaceIsGone()
    {
        var cluster = fixture.NewCluster();
        cluster.NamespaceFinalizationDelay = TimeSpan.Zero;
        using var client = cluster.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "temp" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), "temp");
        await client.CoreV1.DeleteNamespaceAsync("temp");

        var status = await Rejected(HttpStatusCode.NotFound, () => client.CoreV1.ReadNamespacedConfigMapAsync("cm", "temp"));

        Assert.Equal("NotFound", (string?)status["reason"]);
    }

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = "v" } };

    private static async Task<JsonObject> Rejected(HttpStatusCode expected, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(expected, e.Response.StatusCode);
        var status = Nodes.Status(e);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("v1", (string?)status["apiVersion"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal((int)expected, (int?)status["code"]);
        return status;
    }
}
