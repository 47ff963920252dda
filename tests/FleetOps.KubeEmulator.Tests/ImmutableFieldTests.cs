using System.Net;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Updates the API server refuses because they change an immutable field: 422 Invalid with its 1.32 messages and causes.</summary>
public sealed class ImmutableFieldTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string StatefulSetForbidden =
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    [Fact]
    public async Task AStatefulSetSpecChangeOutsideItsMutableFieldsIsForbiddenAsAWhole()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("statefulset.yaml"));

        var status = await Rejected(() => client.AppsV1.PatchNamespacedStatefulSetAsync(
            Merge("""{"spec":{"serviceName":"db-headless"}}"""), "db", "default"));
        var allowed = await client.AppsV1.PatchNamespacedStatefulSetAsync(Merge(
            """{"spec":{"replicas":3,"minReadySeconds":5,"updateStrategy":{"type":"OnDelete","rollingUpdate":null},"template":{"spec":{"containers":[{"name":"postgres","image":"postgres:17"}]}}}}"""),
            "db", "default");

        Assert.Equal($"StatefulSet.apps \"db\" is invalid: spec: Forbidden: {StatefulSetForbidden}", (string?)status["message"]);
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueForbidden", (string?)cause["reason"]);
        Assert.Equal("spec", (string?)cause["field"]);
        Assert.Equal($"Forbidden: {StatefulSetForbidden}", (string?)cause["message"]);
        Assert.Equal(3, allowed.Spec.Replicas);
        Assert.Equal("postgres:17", allowed.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task KubectlApplyOfAChangedStatefulSetSelectorPrintsTheServersRefusal()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        cluster.Apply(TestData.Read("statefulset.yaml"), fieldManager: "kubectl");

        var result = await kubectl.RunAsync("apply", "--server-side", "-f", TestData.PathOf("statefulset-new-selector.yaml"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The StatefulSet \"db\" is invalid: spec: Forbidden: {StatefulSetForbidden}", result.Stderr);
    }

    [Fact]
    public async Task ADeploymentSelectorChangePrintsTheSelectorAsTheServerDoes()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("deployment.yaml"));

        var status = await Rejected(() => client.AppsV1.PatchNamespacedDeploymentAsync(Merge(
            """{"spec":{"selector":{"matchLabels":{"app":"web2"}},"template":{"metadata":{"labels":{"app":"web2"}}}}}"""), "web", "default"));

        Assert.Equal(
            "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            (string?)status["message"]);
    }

    [Fact]
    public async Task APersistentVolumeClaimSpecIsImmutableAfterCreation()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("pvc.yaml"));

        var status = await Rejected(() => client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
            Merge("""{"spec":{"accessModes":["ReadWriteMany"]}}"""), "data", "default"));

        Assert.StartsWith(
            "PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n",
            (string?)status["message"]);
        Assert.Contains("AccessModes", (string?)status["message"]);
        Assert.Equal("spec", (string?)status["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task AnImmutableConfigMapKeepsItsDataAndStaysImmutableButItsLabelsMayChange()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("configmap-immutable.yaml"));

        var data = await Rejected(() => client.CoreV1.PatchNamespacedConfigMapAsync(Merge("""{"data":{"currency":"CHF"}}"""), "frozen", "default"));
        var binary = await Rejected(() => client.CoreV1.PatchNamespacedConfigMapAsync(Merge("""{"binaryData":null}"""), "frozen", "default"));
        var unset = await Rejected(() => client.CoreV1.PatchNamespacedConfigMapAsync(Merge("""{"immutable":false}"""), "frozen", "default"));
        var labelled = await client.CoreV1.PatchNamespacedConfigMapAsync(Merge("""{"metadata":{"labels":{"tier":"gold"}}}"""), "frozen", "default");

        Assert.Equal("ConfigMap \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set", (string?)data["message"]);
        Assert.Equal("ConfigMap \"frozen\" is invalid: binaryData: Forbidden: field is immutable when `immutable` is set", (string?)binary["message"]);
        Assert.Equal("ConfigMap \"frozen\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set", (string?)unset["message"]);
        Assert.Equal("gold", labelled.Metadata.Labels["tier"]);
        Assert.Equal("EUR", labelled.Data["currency"]);
    }

    [Fact]
    public async Task AnImmutableSecretKeepsItsDataAndNoSecretChangesItsType()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("secret-immutable.yaml"));
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "plain" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, "default");

        var data = await Rejected(() => client.CoreV1.PatchNamespacedSecretAsync(Merge("""{"stringData":{"token":"other"}}"""), "frozen", "default"));
        var unset = await Rejected(() => client.CoreV1.PatchNamespacedSecretAsync(Merge("""{"immutable":null}"""), "frozen", "default"));
        var type = await Rejected(() => client.CoreV1.PatchNamespacedSecretAsync(Merge("""{"type":"example.com/custom"}"""), "plain", "default"));

        Assert.Equal("Secret \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set", (string?)data["message"]);
        Assert.Equal("Secret \"frozen\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set", (string?)unset["message"]);
        Assert.Equal("Secret \"plain\" is invalid: type: Invalid value: \"example.com/custom\": field is immutable", (string?)type["message"]);
    }

    [Fact]
    public async Task ABindingCannotChangeItsRoleRef()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("rolebinding.yaml"));

        var binding = await Rejected(() => client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(
            Merge("""{"roleRef":{"name":"writer"}}"""), "read", "default"));
        var clusterBinding = await Rejected(() => client.RbacAuthorizationV1.PatchClusterRoleBindingAsync(
            Merge("""{"roleRef":{"name":"edit"}}"""), "read-all"));

        Assert.Equal(
            "RoleBinding.rbac.authorization.k8s.io \"read\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"writer\"}: cannot change roleRef",
            (string?)binding["message"]);
        Assert.Equal(
            "ClusterRoleBinding.rbac.authorization.k8s.io \"read-all\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef",
            (string?)clusterBinding["message"]);
    }

    [Fact]
    public async Task AStorageClassKeepsItsProvisionerParametersAndPolicies()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("storageclass-fast.yaml"));

        var status = await Rejected(() => client.StorageV1.PatchStorageClassAsync(
            Merge("""{"provisioner":"example.com/nfs","volumeBindingMode":"Immediate"}"""), "fast"));

        Assert.Equal(
            "StorageClass.storage.k8s.io \"fast\" is invalid: [provisioner: Forbidden: updates to provisioner are forbidden., volumeBindingMode: Invalid value: \"Immediate\": field is immutable]",
            (string?)status["message"]);
    }

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    private static async Task<JsonObject> Rejected(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var status = Nodes.Status(e);
        Assert.Equal("Invalid", (string?)status["reason"]);
        return status;
    }
}
