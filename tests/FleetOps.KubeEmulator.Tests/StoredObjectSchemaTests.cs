using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>
/// Everything the emulator stores, the simulated status included, is what the schema allows and already normalized:
/// otherwise the next write would normalize it and a write that changes nothing would look like a change.
/// </summary>
public sealed class StoredObjectSchemaTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider clock = new();
    private readonly KubeEmulatorServer server;

    public StoredObjectSchemaTests() => server = new KubeEmulatorServer(new KubeEmulatorOptions { TimeProvider = clock, RolloutDelay = Delay });

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public void SeededAndSimulatedObjectsAreValidAndNormalized()
    {
        var cluster = server.Cluster("stored");
        foreach (var fixture in new[] { "deployment.yaml", "statefulset.yaml", "daemonset.yaml", "job.yaml", "crd-widgets.yaml", Path.Combine("schema", "simulated-kinds.yaml") })
            cluster.Apply(TestData.Read(fixture));

        clock.Advance(Delay);
        cluster.RunControllers();

        var kinds = new (string ApiVersion, string Kind)[]
        {
            ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"), ("batch/v1", "Job"), ("v1", "Pod"),
            ("v1", "PersistentVolumeClaim"), ("v1", "Service"), ("v1", "Namespace"), ("v1", "Node"), ("v1", "ConfigMap"),
            ("v1", "ServiceAccount"), ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
        };
        var stored = kinds.SelectMany(k => cluster.List(k.ApiVersion, k.Kind)).ToList();
        Assert.True(stored.Count >= 16, $"expected every fixture and seeded object, found {stored.Count}");
        Assert.Contains(stored, o => (string?)o["kind"] == "Deployment" && o["status"]?["readyReplicas"] is not null);
        Assert.Contains(stored, o => (string?)o["kind"] == "Service" && o["status"]?["loadBalancer"]?["ingress"] is not null);
        foreach (var obj in stored)
        {
            var subject = $"{obj["kind"]}/{obj["metadata"]!["name"]}";
            var result = KubernetesSchema.Check(obj);
            Assert.True(result.HasSchema, subject);
            Assert.True(result.IsValid, $"{subject}: {string.Join("; ", result.Errors)}");
            Assert.True(result.UnknownFields.Count == 0, $"{subject}: unknown {string.Join(", ", result.UnknownFields)}");
            Assert.True(JsonNode.DeepEquals(obj, result.Normalized), $"{subject} is not stored normalized:\n{obj}\n{result.Normalized}");
        }
    }
}
