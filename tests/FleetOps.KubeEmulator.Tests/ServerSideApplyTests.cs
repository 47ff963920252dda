using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Server-side apply through the client's pipeline: ownership, conflicts, force, removal, keyed lists, dry run.</summary>
public sealed class ServerSideApplyTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string Deployment = TestData.Read("deployment.yaml");

    [Fact]
    public async Task ApplyCreatesTheObjectAndRecordsApplyOwnership()
    {
        using var client = fixture.NewCluster().CreateClient();

        var result = Nodes.From(await ApplyDeployment(client, Deployment, "fleetops"));
        var entry = Nodes.ManagedBy(result, "fleetops")!;

        Assert.Equal(3, (int?)result["spec"]?["replicas"]);
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.NotNull(entry["fieldsV1"]?["f:spec"]?["f:replicas"]);
        Assert.NotNull(entry["fieldsV1"]?["f:metadata"]?["f:labels"]?["f:app"]);
        Assert.NotNull(entry["fieldsV1"]?["f:spec"]?["f:template"]?["f:spec"]?["f:containers"]?["k:{\"name\":\"web\"}"]?["."]);
        Assert.Null(entry["fieldsV1"]?["f:spec"]?["f:progressDeadlineSeconds"]);
    }

    [Fact]
    public async Task ApplyingAFieldAnotherManagerOwnsWithADifferentValueConflicts()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyDeployment(client, Deployment.Replace("replicas: 3", "replicas: 5"), "hpa-tuner"));
        var status = Nodes.Status(e);

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Equal(409, (int?)status["code"]);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"fleetops\": .spec.replicas", (string?)status["message"]);
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", (string?)cause["reason"]);
        Assert.Equal(".spec.replicas", (string?)cause["field"]);
        Assert.Equal("conflict with \"fleetops\"", (string?)cause["message"]);
    }

    [Fact]
    public async Task ForcedApplyTakesOwnershipOfConflictingFields()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");

        var result = Nodes.From(await ApplyDeployment(client, Deployment.Replace("replicas: 3", "replicas: 5"), "hpa-tuner", force: true));

        Assert.Equal(5, (int?)result["spec"]?["replicas"]);
        Assert.True(Nodes.Owns(result, "hpa-tuner", "f:spec", "f:replicas"));
        Assert.False(Nodes.Owns(result, "fleetops", "f:spec", "f:replicas"));
        Assert.True(Nodes.Owns(result, "fleetops", "f:spec", "f:selector"));
    }

    [Fact]
    public async Task SameValueUnderTwoManagersIsSharedAndSurvivesUntilTheLastOwnerLetsGo()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await ApplyConfigMap(client, "a", "x: '1'", "y: '2'");

        var shared = Nodes.From(await ApplyConfigMap(client, "b", "y: '2'"));
        var afterAReleases = Nodes.From(await ApplyConfigMap(client, "a", "x: '1'"));
        var afterBReleases = Nodes.From(await ApplyConfigMap(client, "b"));

        Assert.True(Nodes.Owns(shared, "a", "f:data", "f:y") && Nodes.Owns(shared, "b", "f:data", "f:y"));
        Assert.Equal("2", (string?)afterAReleases["data"]?["y"]);
        Assert.Null(afterBReleases["data"]?["y"]);
        Assert.Equal("1", (string?)afterBReleases["data"]?["x"]);
    }

    [Fact]
    public async Task FieldTheApplierOwnedAndNowOmitsIsRemoved()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");

        var withoutTier = Nodes.From(await ApplyDeployment(client, Deployment.Replace("    tier: frontend\n", ""), "fleetops"));
        var withoutEnv = Nodes.From(await ApplyDeployment(client, Deployment.Replace("          env:\n            - name: MODE\n              value: store\n", ""), "fleetops"));

        Assert.Null(withoutTier["metadata"]?["labels"]?["tier"]);
        Assert.Equal("web", (string?)withoutTier["metadata"]?["labels"]?["app"]);
        Assert.Null(withoutEnv["spec"]?["template"]?["spec"]?["containers"]?[0]?["env"]);
    }

    [Fact]
    public async Task KeyedListsMergeByKeySoManagersCanOwnDifferentContainers()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");
        const string sidecar = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: default
            spec:
              template:
                spec:
                  containers:
                    - name: mesh-proxy
                      image: envoy:1.30
                    - name: web
                      env:
                        - name: PROXY
                          value: "on"
            """;

        var result = Nodes.From(await ApplyDeployment(client, sidecar, "mesh-injector"));
        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        var web = containers.Single(c => (string?)c!["name"] == "web")!;

        Assert.Equal(["web", "mesh-proxy"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal("nginx:1.27", (string?)web["image"]);
        Assert.Equal(["MODE", "PROXY"], web["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.True(Nodes.Owns(result, "mesh-injector", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"mesh-proxy\"}", "f:image"));
        Assert.False(Nodes.Owns(result, "mesh-injector", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image"));
    }

    [Fact]
    public async Task DryRunApplyValidatesAndReturnsTheResultButStoresNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");
        var before = cluster.ResourceVersion;

        var preview = Nodes.From(await ApplyDeployment(client, Deployment.Replace("replicas: 3", "replicas: 7"), "fleetops", dryRun: "All"));
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() =>
            ApplyDeployment(client, Deployment.Replace("replicas: 3", "replicas: 7"), "other", dryRun: "All"));
        var created = Nodes.From(await ApplyDeployment(client, Deployment.Replace("name: web", "name: api"), "fleetops", name: "api", dryRun: "All"));

        Assert.Equal(7, (int?)preview["spec"]?["replicas"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal("api", (string?)created["metadata"]?["name"]);
        Assert.Equal(3, (await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Spec.Replicas);
        Assert.Null(cluster.Get("apps/v1", "Deployment", "default", "api"));
        Assert.Equal(before, cluster.ResourceVersion);
    }

    [Fact]
    public async Task ReapplyingTheSameConfigurationChangesNothing()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var first = Nodes.From(await ApplyDeployment(client, Deployment, "fleetops"));
        cluster.RunControllers();
        var before = cluster.ResourceVersion;

        var second = Nodes.From(await ApplyDeployment(client, Deployment, "fleetops"));

        Assert.Equal(before, cluster.ResourceVersion);
        Assert.Equal(first["metadata"]?["generation"]?.GetValue<long>(), second["metadata"]?["generation"]?.GetValue<long>());
    }

    [Fact]
    public async Task StatusInAnApplyBodyIsIgnored()
    {
        using var client = fixture.NewCluster().CreateClient();
        var withStatus = Deployment + "status:\n  readyReplicas: 99\n  observedGeneration: 42\n";

        var result = Nodes.From(await ApplyDeployment(client, withStatus, "fleetops"));

        Assert.Null(result["status"]?["readyReplicas"]);
        Assert.Null(Nodes.ManagedBy(result, "fleetops")!["fieldsV1"]?["f:status"]);
    }

    [Fact]
    public async Task ApplyWithoutFieldManagerIsRejectedAsInvalid()
    {
        using var client = fixture.NewCluster().CreateClient();

        var (code, status) = await RawApi.SendAsync(client, HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web", Deployment, "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Contains("fieldManager: Required value", (string?)status["message"]);
    }

    [Fact]
    public async Task CoreKindsApplyOverRawRequestsWithYamlBodies()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        var yaml = TestData.Read("configmap.yaml");

        var (created, body) = await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", yaml, "fleetops");
        var (updated, _) = await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", yaml.Replace("EUR", "CHF"), "fleetops");
        var (conflict, status) = await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/settings", yaml.Replace("EUR", "USD"), "someone-else");
        var (namespaceCode, _) = await RawApi.ApplyAsync(client, "/api/v1/namespaces/pos", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pos\n", "fleetops");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("EUR", (string?)body["data"]?["currency"]);
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal("CHF", (string?)cluster.Get("v1", "ConfigMap", "default", "settings")!["data"]?["currency"]);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal(".data.currency", (string?)status["details"]?["causes"]?[0]?["field"]);
        Assert.Equal(HttpStatusCode.Created, namespaceCode);
    }

    [Fact]
    public async Task ApplyConflictsWithAnUpdateManagerNameTheManagerAndItsApiVersion()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");
        await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":9}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "kubectl-scale");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyDeployment(client, Deployment, "fleetops"));
        var reclaimed = Nodes.From(await ApplyDeployment(client, Deployment, "fleetops", force: true));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas", (string?)Nodes.Status(e)["message"]);
        Assert.Equal(3, (int?)reclaimed["spec"]?["replicas"]);
        Assert.Null(Nodes.ManagedBy(reclaimed, "kubectl-scale", "Update"));
    }

    [Fact]
    public async Task ConflictsOnSeveralFieldsAreListedPerManager()
    {
        using var client = fixture.NewCluster().CreateClient();
        await ApplyDeployment(client, Deployment, "fleetops");

        var changed = Deployment.Replace("replicas: 3", "replicas: 4").Replace("image: nginx:1.27", "image: nginx:1.28");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyDeployment(client, changed, "other"));
        var status = Nodes.Status(e);

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"fleetops\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image",
            (string?)status["message"]);
        Assert.Equal(2, status["details"]!["causes"]!.AsArray().Count);
    }

    private static Task<object> ApplyDeployment(Kubernetes client, string yaml, string manager, bool force = false, string? dryRun = null, string name = "web") =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(Yaml.ToJson(yaml), V1Patch.PatchType.ApplyPatch), "apps", "v1", "default", "deployments", name,
            dryRun: dryRun, fieldManager: manager, force: force);

    private static async Task<JsonObject> ApplyConfigMap(Kubernetes client, string manager, params string[] data)
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: default\n"
            + (data.Length > 0 ? "data:\n" + string.Concat(data.Select(d => $"  {d}\n")) : "");
        var (code, body) = await RawApi.ApplyAsync(client, "/api/v1/namespaces/default/configmaps/shared", yaml, manager);
        Assert.True(code is HttpStatusCode.OK or HttpStatusCode.Created, body.ToJsonString());
        return body;
    }
}
