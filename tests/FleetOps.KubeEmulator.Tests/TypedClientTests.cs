using System.Net;
using FleetOps.KubeEmulator.Tests.Infrastructure;
using FleetOps.Testing.Files;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>KubernetesClient's typed API works against a cluster URL with a path prefix.</summary>
public sealed class TypedClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task CreatedNamespaceIsActiveAndListed()
    {
        using var client = fixture.NewCluster().CreateClient();

        var created = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "pos" } });
        var namespaces = await client.CoreV1.ListNamespaceAsync();

        Assert.Equal("Active", created.Status.Phase);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "pos");
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task DeploymentRoundTripsThroughCreateReadReplaceAndDelete()
    {
        using var client = fixture.NewCluster().CreateClient();
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(TestData.Read("deployment.yaml"));

        var created = await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        var read = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        read.Spec.Replicas = 4;
        var replaced = await client.AppsV1.ReplaceNamespacedDeploymentAsync(read, "web", "default");
        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"));

        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
        Assert.Equal(4, replaced.Spec.Replicas);
        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.Equal("IfNotPresent", read.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task ListFiltersByLabelSelectorInOneOrAllNamespaces()
    {
        using var client = fixture.NewCluster().CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        foreach (var (ns, name, tier) in new[] { ("default", "a", "web"), ("default", "b", "db"), ("other", "c", "web") })
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = tier } } }, ns);
        }

        var inDefault = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier=web");
        var everywhere = await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "tier in (web)");

        Assert.Equal(["a"], inDefault.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["a", "c"], everywhere.Items.Select(i => i.Metadata.Name).Order());
    }

    [Fact]
    public async Task ServiceGetsClusterAddressAndKeepsItAcrossReplace()
    {
        using var client = fixture.NewCluster().CreateClient();
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        };

        var created = await client.CoreV1.CreateNamespacedServiceAsync(service, "default");
        created.Spec.ClusterIP = null;
        created.Spec.ClusterIPs = null;
        created.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
        var replaced = await client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default");

        Assert.StartsWith("10.43.", replaced.Spec.ClusterIP);
        Assert.Equal(replaced.Spec.ClusterIP, (await client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Spec.ClusterIP);
        Assert.Equal("TCP", replaced.Spec.Ports[0].Protocol);
    }

    [Fact]
    public async Task SecretStringDataIsStoredAsBase64Data()
    {
        using var client = fixture.NewCluster().CreateClient();

        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "token" }, StringData = new Dictionary<string, string> { ["key"] = "s3cret" } }, "default");
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("token", "default");

        Assert.Equal("s3cret", System.Text.Encoding.UTF8.GetString(secret.Data["key"]));
        Assert.Null(secret.StringData);
        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public async Task ClientBuiltFromGeneratedKubeconfigReachesTheCluster()
    {
        var cluster = fixture.NewCluster();
        var dir = Directory.CreateTempSubdirectory("kubeconfig-");
        try
        {
            var path = cluster.WriteKubeconfig(Path.Combine(dir.FullName, "config"));
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);

            var version = await client.Version.GetCodeAsync();

            Assert.Equal(cluster.Server, config.Host.TrimEnd('/'));
            Assert.Equal("v1.32.4+k3s1", version.GitVersion);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
