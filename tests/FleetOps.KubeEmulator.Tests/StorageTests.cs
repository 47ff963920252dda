using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// Storage as on k3s: the default local-path StorageClass (WaitForFirstConsumer), claims that bind once something
/// mounts them, and the protection finalizers that keep a used claim (and a bound volume) from going.
/// </summary>
public sealed class StorageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task EveryClusterHasK3sLocalPathStorageClassAsItsDefault()
    {
        using var client = fixture.NewCluster().CreateClient();

        var localPath = await client.StorageV1.ReadStorageClassAsync("local-path");

        Assert.Equal("true", localPath.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"]);
        Assert.Equal("rancher.io/local-path", localPath.Provisioner);
        Assert.Equal("WaitForFirstConsumer", localPath.VolumeBindingMode);
        Assert.Equal("Delete", localPath.ReclaimPolicy);
    }

    [Fact]
    public async Task AClaimWithoutAClassGetsTheDefaultAndStaysPendingUntilAPodMountsIt()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        var created = await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Read<V1PersistentVolumeClaim>("pvc.yaml"), "default");
        cluster.RunControllers();
        var waiting = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");
        await client.CoreV1.CreateNamespacedPodAsync(Read<V1Pod>("pod-with-claim.yaml"), "default");
        var bound = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");
        var volume = await client.CoreV1.ReadPersistentVolumeAsync(bound.Spec.VolumeName);

        Assert.Equal("local-path", created.Spec.StorageClassName);
        Assert.Equal(["kubernetes.io/pvc-protection"], created.Metadata.Finalizers);
        Assert.Equal("Pending", waiting.Status.Phase);
        Assert.Null(waiting.Spec.VolumeName);
        Assert.Equal("Bound", bound.Status.Phase);
        Assert.Equal(new ResourceQuantity("1Gi"), bound.Status.Capacity["storage"]);
        Assert.Equal($"pvc-{created.Metadata.Uid}", bound.Spec.VolumeName);
        Assert.Equal("k3s-server", bound.Metadata.Annotations["volume.kubernetes.io/selected-node"]);
        Assert.Equal("rancher.io/local-path", bound.Metadata.Annotations["volume.kubernetes.io/storage-provisioner"]);
        Assert.Equal("Bound", volume.Status.Phase);
        Assert.Equal(["kubernetes.io/pv-protection"], volume.Metadata.Finalizers);
        Assert.Equal((created.Metadata.Uid, "data", "default"), (volume.Spec.ClaimRef.Uid, volume.Spec.ClaimRef.Name, volume.Spec.ClaimRef.NamespaceProperty));
        Assert.Equal(("local-path", "Delete"), (volume.Spec.StorageClassName, volume.Spec.PersistentVolumeReclaimPolicy));
    }

    [Fact]
    public async Task AClaimAWorkloadTemplateMountsBindsAsItsPodsWould()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("pvc.yaml"));

        cluster.Apply(TestData.Read("deployment-with-claim.yaml"));
        var bound = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");

        Assert.Equal("Bound", bound.Status.Phase);
    }

    [Fact]
    public async Task AnImmediateClassBindsWithoutAConsumerAndAMissingClassNeverBinds()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();

        cluster.Apply(TestData.Read("storage-classes-other.yaml"));
        var shared = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("shared", "default");
        var orphan = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("orphan", "default");

        Assert.Equal("Bound", shared.Status.Phase);
        Assert.Equal("Retain", (await client.CoreV1.ReadPersistentVolumeAsync(shared.Spec.VolumeName)).Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal("Pending", orphan.Status.Phase);
    }

    [Fact]
    public async Task AClaimDeletedWhileAPodUsesItStaysTerminatingUntilThePodGoesThenItsVolumeGoesToo()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("pvc.yaml"));
        cluster.Apply(TestData.Read("pod-with-claim.yaml"));
        var volumeName = (await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default")).Spec.VolumeName;

        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data", "default");
        var terminating = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default");
        await client.CoreV1.DeleteNamespacedPodAsync("app", "default");

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(["kubernetes.io/pvc-protection"], terminating.Metadata.Finalizers);
        Assert.Null(cluster.Get("v1", "PersistentVolumeClaim", "default", "data"));
        Assert.Null(cluster.Get("v1", "PersistentVolume", null, volumeName));
    }

    [Fact]
    public async Task ABoundVolumeDeletedWhileItsClaimExistsStaysTerminating()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("pvc.yaml"));
        cluster.Apply(TestData.Read("pod-with-claim.yaml"));
        var volumeName = (await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", "default")).Spec.VolumeName;

        await client.CoreV1.DeletePersistentVolumeAsync(volumeName);
        var terminating = await client.CoreV1.ReadPersistentVolumeAsync(volumeName);
        await client.CoreV1.DeleteNamespacedPodAsync("app", "default");
        await client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data", "default");

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Null(cluster.Get("v1", "PersistentVolume", null, volumeName));
    }

    [Fact]
    public async Task ABoundLocalPathClaimCanNeitherGrowNorShrink()
    {
        var cluster = fixture.NewCluster();
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("pvc.yaml"));
        cluster.Apply(TestData.Read("pod-with-claim.yaml"));

        var grow = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
            new V1Patch("""{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""", V1Patch.PatchType.MergePatch), "data", "default"));
        var shrink = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
            new V1Patch("""{"spec":{"resources":{"requests":{"storage":"512Mi"}}}}""", V1Patch.PatchType.MergePatch), "data", "default"));

        Assert.Equal(HttpStatusCode.Forbidden, grow.Response.StatusCode);
        Assert.Equal(
            "persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
            (string?)Nodes.Status(grow)["message"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shrink.Response.StatusCode);
        Assert.Equal(
            "PersistentVolumeClaim \"data\" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity",
            (string?)Nodes.Status(shrink)["message"]);
    }

    [Fact]
    public async Task KubectlSeesAClaimBindWhenItsPodArrivesAndLingerWhileDeletedInUse()
    {
        var cluster = fixture.NewCluster();
        using var kubectl = new Kubectl(cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", TestData.PathOf("pvc.yaml"))).ExitCode);

        var pending = await kubectl.RunAsync("get", "pvc", "data", "-o", "jsonpath={.status.phase}");
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", TestData.PathOf("pod-with-claim.yaml"))).ExitCode);
        var bound = await kubectl.RunAsync("wait", "--for=jsonpath={.status.phase}=Bound", "pvc/data", "--timeout=20s");
        var deleted = await kubectl.RunAsync("delete", "pvc", "data", "--wait=false");
        var lingering = await kubectl.RunAsync("get", "pvc", "data", "-o", "jsonpath={.metadata.deletionTimestamp}");

        Assert.Equal("Pending", pending.Stdout);
        Assert.True(bound.ExitCode == 0, bound.ToString());
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.True(lingering.ExitCode == 0, lingering.ToString());
        Assert.NotEmpty(lingering.Stdout);
    }

    private static T Read<T>(string fixture) => KubernetesYaml.Deserialize<T>(TestData.Read(fixture));
}
