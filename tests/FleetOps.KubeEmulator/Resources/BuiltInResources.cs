namespace FleetOps.KubeEmulator.Resources;

/// <summary>The built-in kinds a k3s store cluster serves that manifests and the agent use.</summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];

    public static readonly IReadOnlyList<ResourceType> Types =
    [
        new("", "v1", "namespaces", "Namespace", false, ["ns"], HasStatus: true, HasGeneration: false),
        new("", "v1", "configmaps", "ConfigMap", true, ["cm"], HasStatus: false, HasGeneration: false),
        new("", "v1", "secrets", "Secret", true, [], HasStatus: false, HasGeneration: false),
        new("", "v1", "services", "Service", true, ["svc"], HasStatus: true, HasGeneration: false, Categories: All),
        new("", "v1", "serviceaccounts", "ServiceAccount", true, ["sa"], HasStatus: false, HasGeneration: false),
        new("", "v1", "pods", "Pod", true, ["po"], HasStatus: true, HasGeneration: false, Categories: All),
        new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, ["pvc"], HasStatus: true, HasGeneration: false),
        new("", "v1", "persistentvolumes", "PersistentVolume", false, ["pv"], HasStatus: true, HasGeneration: false),
        new("", "v1", "nodes", "Node", false, ["no"], HasStatus: true, HasGeneration: false),
        new("", "v1", "events", "Event", true, ["ev"], HasStatus: false, HasGeneration: false),
        new("", "v1", "endpoints", "Endpoints", true, ["ep"], HasStatus: false, HasGeneration: false),
        new("", "v1", "resourcequotas", "ResourceQuota", true, ["quota"], HasStatus: true, HasGeneration: false),
        new("", "v1", "limitranges", "LimitRange", true, ["limits"], HasStatus: false, HasGeneration: false),
        new("apps", "v1", "deployments", "Deployment", true, ["deploy"], HasStatus: true, HasGeneration: true, Categories: All, HasScale: true),
        new("apps", "v1", "statefulsets", "StatefulSet", true, ["sts"], HasStatus: true, HasGeneration: true, Categories: All, HasScale: true),
        new("apps", "v1", "daemonsets", "DaemonSet", true, ["ds"], HasStatus: true, HasGeneration: true, Categories: All),
        new("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"], HasStatus: true, HasGeneration: true, Categories: All, HasScale: true),
        new("apps", "v1", "controllerrevisions", "ControllerRevision", true, [], HasStatus: false, HasGeneration: false),
        new("batch", "v1", "jobs", "Job", true, [], HasStatus: true, HasGeneration: true, Categories: All),
        new("batch", "v1", "cronjobs", "CronJob", true, ["cj"], HasStatus: true, HasGeneration: true, Categories: All),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"], HasStatus: true, HasGeneration: true),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, ["netpol"], HasStatus: false, HasGeneration: true),
        new("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, [], HasStatus: false, HasGeneration: false),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true, [], HasStatus: false, HasGeneration: false),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, [], HasStatus: false, HasGeneration: false),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, [], HasStatus: false, HasGeneration: false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, [], HasStatus: false, HasGeneration: false),
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"], HasStatus: true, HasGeneration: true),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"], HasStatus: true, HasGeneration: true),
        // v2 first: discovery lists a group's versions in this order and prefers the first.
        new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"], HasStatus: true, HasGeneration: false, Categories: All),
        new("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["hpa"], HasStatus: true, HasGeneration: false, Categories: All),
        new("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, ["sc"], HasStatus: false, HasGeneration: false),
        new("coordination.k8s.io", "v1", "leases", "Lease", true, [], HasStatus: false, HasGeneration: false),
        new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, [], HasStatus: false, HasGeneration: false),
        new("events.k8s.io", "v1", "events", "Event", true, ["ev"], HasStatus: false, HasGeneration: false),
        new("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, ["pc"], HasStatus: false, HasGeneration: false),
        new("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", false, [], HasStatus: false, HasGeneration: false),
    ];

    /// <summary>Namespaces hold the namespaced objects: they are seeded, must exist for a create, and finalize their contents.</summary>
    public static readonly ResourceType Namespace = Types.Single(t => t.Kind == "Namespace");

    /// <summary>CRDs change what the cluster serves: writing or deleting one refreshes the catalog.</summary>
    public static readonly ResourceType CustomResourceDefinition = Types.Single(t => t.Kind == "CustomResourceDefinition");
}
