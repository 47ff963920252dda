namespace FleetOps.KubeEmulator;

/// <summary>Annotations that steer the emulator's simulated controllers; put them on an object's metadata.</summary>
public static class EmulatorAnnotations
{
    /// <summary>
    /// <c>"true"</c> keeps a workload from ever becoming ready: Deployments, StatefulSets, DaemonSets and
    /// ReplicaSets observe their generation but report zero ready replicas (a Deployment's Progressing
    /// condition turns ProgressDeadlineExceeded after <c>spec.progressDeadlineSeconds</c>), Jobs stay active,
    /// Pods stay unready, PersistentVolumeClaims stay Pending, LoadBalancer Services get no address.
    /// </summary>
    public const string NeverReady = "emulator.fleetops.io/never-ready";
}
