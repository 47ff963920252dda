namespace FleetOps.KubeEmulator;

/// <summary>Settings shared by every cluster a <see cref="KubeEmulatorServer"/> hosts.</summary>
public sealed record KubeEmulatorOptions
{
    public static KubeEmulatorOptions Default { get; } = new();

    /// <summary>The clock for timestamps and simulated controllers; tests pass a manual one to control time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long after a spec change the simulated controllers report the new status (workloads ready, Jobs
    /// complete, CRDs Established, namespaces finalized). Zero makes it happen right after the write.
    /// Each cluster starts with this value and can change its own.
    /// </summary>
    public TimeSpan RolloutDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How long a deleted Namespace stays Terminating before it and its contents are removed. Not zero by
    /// default because clients delete a namespace and then its contents (kubectl delete -f does), which
    /// succeeds on a real cluster only because the namespace controller takes a moment.
    /// </summary>
    public TimeSpan NamespaceFinalizationDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>What <c>/version</c> reports.</summary>
    public string KubernetesVersion { get; init; } = "v1.32.4+k3s1";

    /// <summary>Nodes a DaemonSet schedules onto (store clusters have one or a few).</summary>
    public int NodeCount { get; init; } = 1;

    /// <summary>Recent changes kept per cluster so a watch can resume from a list's resourceVersion.</summary>
    public int WatchHistory { get; init; } = 128;

    /// <summary>Recent requests kept per cluster for <see cref="EmulatedCluster.Requests"/> (totals are always kept).</summary>
    public int RequestLogCapacity { get; init; } = 500;

    /// <summary>
    /// Whether the request log keeps the body of each create, update and patch (<see cref="KubeRequest.Body"/>), so
    /// a test can tell which content reached a cluster. Off by default: bodies cost memory on every request.
    /// </summary>
    public bool RecordBodies { get; init; }

    /// <summary>Whether a request for a cluster name never created answers 404 (default) or creates the cluster.</summary>
    public bool CreateClustersOnRequest { get; init; }
}
