using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Namespaces: seeded content, Terminating, cascade delete.</summary>
public sealed class NamespaceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new();
    private readonly KubeEmulatorServer server;

    public NamespaceTests() => server = new KubeEmulatorServer(new KubeEmulatorOptions { TimeProvider = clock });

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task DeletingANamespaceTerminatesItThenDeletesEverythingInIt()
    {
        var cluster = server.Cluster("cascade");
        using var client = cluster.CreateClient();
        cluster.Apply(TestData.Read("app.yaml"));
        var unrelated = cluster.Apply(TestData.Read("configmap.yaml"))[0];

        var (_, deleted) = await RawApi.SendAsync(client, HttpMethod.Delete, "/api/v1/namespaces/pos");
        var terminating = await client.CoreV1.ReadNamespaceAsync("pos");
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, "pos"));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("Terminating", (string?)deleted["status"]?["phase"]);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        Assert.Contains("because it is being terminated", Nodes.Status(forbidden)["message"]!.ToString());
        Assert.Null(cluster.Get("v1", "Namespace", null, "pos"));
        Assert.Empty(cluster.List("apps/v1", "Deployment", "pos"));
        Assert.Empty(cluster.List("v1", "Service", "pos"));
        Assert.Empty(cluster.List("v1", "ConfigMap", "pos"));
        Assert.NotNull(cluster.Get("v1", "ConfigMap", "default", (string)unrelated["metadata"]!["name"]!));
    }

    [Fact]
    public async Task ADeletedNamespaceStaysTerminatingWhileItsContentHasFinalizersAndGoesOnceTheyAreRemoved()
    {
        var cluster = server.Cluster("held-namespace");
        using var client = cluster.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, "shop");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "plain" } }, "shop");

        await client.CoreV1.DeleteNamespaceAsync("shop");
        clock.Advance(TimeSpan.FromSeconds(1));
        var terminating = await client.CoreV1.ReadNamespaceAsync("shop");
        var held = await client.CoreV1.ReadNamespacedConfigMapAsync("held", "shop");
        var remaining = await client.CoreV1.ListNamespacedConfigMapAsync("shop");

        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Equal(["held"], remaining.Items.Select(c => c.Metadata.Name));
        var conditions = terminating.Status.Conditions.ToDictionary(c => c.Type);
        Assert.Equal(
            ["NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure", "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining"],
            terminating.Status.Conditions.Select(c => c.Type));
        Assert.Equal(("False", "ContentDeleted"), (conditions["NamespaceDeletionContentFailure"].Status, conditions["NamespaceDeletionContentFailure"].Reason));
        Assert.Equal(("True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"),
            (conditions["NamespaceContentRemaining"].Status, conditions["NamespaceContentRemaining"].Reason, conditions["NamespaceContentRemaining"].Message));
        Assert.Equal(("True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"),
            (conditions["NamespaceFinalizersRemaining"].Status, conditions["NamespaceFinalizersRemaining"].Reason, conditions["NamespaceFinalizersRemaining"].Message));

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", "shop");
        Assert.NotNull(cluster.Get("v1", "Namespace", null, "shop"));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(cluster.Get("v1", "ConfigMap", "shop", "held"));
        Assert.Null(cluster.Get("v1", "Namespace", null, "shop"));
    }

    [Fact]
    public async Task NewNamespacesGetTheDefaultServiceAccountAndRootCertificate()
    {
        using var client = server.Cluster("seeded").CreateClient();

        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        var ns = await client.CoreV1.ReadNamespaceAsync("shop");

        Assert.Equal("default", (await client.CoreV1.ReadNamespacedServiceAccountAsync("default", "shop")).Metadata.Name);
        Assert.NotNull(await client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", "shop"));
        Assert.Equal("shop", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal(["kubernetes"], ns.Spec.Finalizers);
    }

    [Fact]
    public async Task ObjectWithFinalizersLingersUntilTheyAreRemoved()
    {
        var cluster = server.Cluster("finalizers");
        using var client = cluster.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default");
        var held = await client.CoreV1.ReadNamespacedConfigMapAsync("held", "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", "default");

        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Null(cluster.Get("v1", "ConfigMap", "default", "held"));
    }
}
