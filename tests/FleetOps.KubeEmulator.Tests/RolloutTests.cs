using System.Text.Json.Nodes;
using FleetOps.Testing.Files;
using Microsoft.Extensions.Time.Testing;

namespace FleetOps.KubeEmulator.Tests;

/// <summary>Simulated controllers on a fake clock: workloads roll out after the delay, the never-ready marker holds them back.</summary>
public sealed class RolloutTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider clock = new();
    private readonly KubeEmulatorServer server;

    public RolloutTests() => server = new KubeEmulatorServer(new KubeEmulatorOptions { TimeProvider = clock, RolloutDelay = Delay });

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public void DeploymentBecomesAvailableOnlyAfterTheRolloutDelay()
    {
        var cluster = server.Cluster("rollout");
        cluster.Apply(TestData.Read("deployment.yaml"));

        var before = Status(cluster, "Deployment", "web");
        clock.Advance(Delay);
        var after = Status(cluster, "Deployment", "web");

        Assert.Null(before?["observedGeneration"]);
        Assert.Equal(1, (int?)after?["observedGeneration"]);
        Assert.Equal(3, (int?)after?["replicas"]);
        Assert.Equal(3, (int?)after?["readyReplicas"]);
        Assert.Equal(3, (int?)after?["updatedReplicas"]);
        Assert.Equal(3, (int?)after?["availableReplicas"]);
        Assert.Equal("NewReplicaSetAvailable", (string?)Condition(after, "Progressing")?["reason"]);
        Assert.Equal("True", (string?)Condition(after, "Available")?["status"]);
    }

    [Fact]
    public void SpecChangeBumpsGenerationAndIsRolledOutAgain()
    {
        var cluster = server.Cluster("respec");
        var yaml = TestData.Read("deployment.yaml");
        cluster.Apply(yaml);
        clock.Advance(Delay);

        var changed = cluster.Apply(yaml.Replace("replicas: 3", "replicas: 4"))[0];
        var pending = Status(cluster, "Deployment", "web");
        clock.Advance(Delay);
        var done = Status(cluster, "Deployment", "web");

        Assert.Equal(2, (int?)changed["metadata"]?["generation"]);
        Assert.Equal(1, (int?)pending?["observedGeneration"]);
        Assert.Equal(2, (int?)done?["observedGeneration"]);
        Assert.Equal(4, (int?)done?["readyReplicas"]);
    }

    [Fact]
    public void NeverReadyDeploymentObservesItsGenerationButNeverBecomesReady()
    {
        var cluster = server.Cluster("broken");
        cluster.Apply(TestData.Read("never-ready-deployment.yaml"));

        clock.Advance(Delay);
        var stuck = Status(cluster, "Deployment", "broken");
        clock.Advance(TimeSpan.FromSeconds(60));
        var expired = Status(cluster, "Deployment", "broken");

        Assert.Equal(1, (int?)stuck?["observedGeneration"]);
        Assert.Null(stuck?["readyReplicas"]);
        Assert.Equal(2, (int?)stuck?["unavailableReplicas"]);
        Assert.Equal("ReplicaSetUpdated", (string?)Condition(stuck, "Progressing")?["reason"]);
        Assert.Equal("False", (string?)Condition(stuck, "Available")?["status"]);
        Assert.Equal("ProgressDeadlineExceeded", (string?)Condition(expired, "Progressing")?["reason"]);
        Assert.Equal("False", (string?)Condition(expired, "Progressing")?["status"]);
    }

    [Fact]
    public void RemovingTheNeverReadyMarkerLetsTheWorkloadBecomeReady()
    {
        var cluster = server.Cluster("healed");
        var yaml = TestData.Read("never-ready-deployment.yaml");
        cluster.Apply(yaml);
        clock.Advance(Delay);

        cluster.Apply(yaml.Replace("emulator.fleetops.io/never-ready: \"true\"", "emulator.fleetops.io/never-ready: \"false\""));
        clock.Advance(Delay);

        Assert.Equal(2, (int?)Status(cluster, "Deployment", "broken")?["readyReplicas"]);
    }

    [Fact]
    public void StatefulSetAndDaemonSetReportReadyStatus()
    {
        var cluster = server.Cluster("sets");
        cluster.Apply(TestData.Read("statefulset.yaml"));
        cluster.Apply(TestData.Read("daemonset.yaml"));

        clock.Advance(Delay);
        var sts = Status(cluster, "StatefulSet", "db");
        var ds = Status(cluster, "DaemonSet", "log-shipper");

        Assert.Equal(2, (int?)sts?["readyReplicas"]);
        Assert.Equal(2, (int?)sts?["currentReplicas"]);
        Assert.Equal(2, (int?)sts?["updatedReplicas"]);
        Assert.Equal((string?)sts?["updateRevision"], (string?)sts?["currentRevision"]);
        Assert.StartsWith("db-", (string?)sts?["currentRevision"]);
        Assert.Equal(1, (int?)sts?["observedGeneration"]);
        Assert.Equal(1, (int?)ds?["desiredNumberScheduled"]);
        Assert.Equal(1, (int?)ds?["numberReady"]);
        Assert.Equal(1, (int?)ds?["updatedNumberScheduled"]);
        Assert.Equal(1, (int?)ds?["numberAvailable"]);
    }

    [Fact]
    public void JobCompletes()
    {
        var cluster = server.Cluster("jobs");
        cluster.Apply(TestData.Read("job.yaml"));

        clock.Advance(Delay);
        var status = cluster.Get("batch/v1", "Job", "default", "migrate")!["status"];

        Assert.Equal(1, (int?)status?["succeeded"]);
        Assert.NotNull(status?["completionTime"]);
        Assert.Equal("True", (string?)Condition(status, "Complete")?["status"]);
    }

    [Fact]
    public void NeverReadyJobStaysActive()
    {
        var cluster = server.Cluster("stuck-job");
        cluster.Apply(TestData.Read("job.yaml").Replace("  name: migrate\n", "  name: migrate\n  annotations:\n    emulator.fleetops.io/never-ready: \"true\"\n"));

        clock.Advance(Delay);
        var status = cluster.Get("batch/v1", "Job", "default", "migrate")!["status"];

        Assert.Equal(1, (int?)status?["active"]);
        Assert.Null(Condition(status, "Complete"));
    }

    [Fact]
    public void EachClusterCanHaveItsOwnDelay()
    {
        var slow = server.Cluster("slow");
        var fast = server.Cluster("fast");
        fast.RolloutDelay = TimeSpan.Zero;

        slow.Apply(TestData.Read("deployment.yaml"));
        fast.Apply(TestData.Read("deployment.yaml"));

        Assert.Null(Status(slow, "Deployment", "web")?["readyReplicas"]);
        Assert.Equal(3, (int?)Status(fast, "Deployment", "web")?["readyReplicas"]);
    }

    private static JsonNode? Status(EmulatedCluster cluster, string kind, string name) =>
        cluster.Get("apps/v1", kind, "default", name)?["status"];

    private static JsonNode? Condition(JsonNode? status, string type) =>
        status?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == type);
}
