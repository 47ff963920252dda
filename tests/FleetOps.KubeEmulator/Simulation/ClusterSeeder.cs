using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Writes;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>The objects k3s creates by itself, so a fresh cluster and a new namespace look as they do on a store.</summary>
internal static class ClusterSeeder
{
    /// <summary>
    /// What a new k3s cluster starts with: its namespaces, the <c>kubernetes</c> Service, local-path storage, the CRDs
    /// k3s installs (Established), the system PriorityClasses and one Ready node.
    /// </summary>
    public static void SeedCluster(ObjectWriter writer)
    {
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            writer.Seed(BuiltInResources.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });

        writer.Seed(Find("", "v1", "services"), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.43.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        });
        SeedStorage(writer);
        writer.SeedStored(BuiltInResources.CustomResourceDefinition, K3sCrds.Stored(writer.Now()));

        foreach (var (name, value) in new[] { ("system-cluster-critical", 2000000000), ("system-node-critical", 2000001000) })
        {
            writer.Seed(Find("scheduling.k8s.io", "v1", "priorityclasses"), new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name },
                ["value"] = value,
                ["description"] = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
                ["preemptionPolicy"] = "PreemptLowerPriority",
            });
        }

        writer.Seed(Find("", "v1", "nodes"), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = SimulatedControllers.NodeName,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/hostname"] = SimulatedControllers.NodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["node-role.kubernetes.io/control-plane"] = "true",
                },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = "10.42.0.0/24" },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = StatusSimulator.NodeAddress }),
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady", ["message"] = "kubelet is posting ready status" }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.4+k3s1", ["operatingSystem"] = "linux", ["architecture"] = "amd64" },
            },
        });
    }

    /// <summary>k3s's local-path StorageClass, the cluster's default: claims bind once a pod on the node mounts them.</summary>
    private static void SeedStorage(ObjectWriter writer) =>
        writer.Seed(Find("storage.k8s.io", "v1", "storageclasses"), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "local-path",
                ["annotations"] = new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" },
            },
            ["provisioner"] = "rancher.io/local-path",
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "WaitForFirstConsumer",
        });

    /// <summary>What k3s's controllers put in every new namespace.</summary>
    public static void SeedNamespace(ObjectWriter writer, string ns)
    {
        writer.Seed(Find("", "v1", "serviceaccounts"), new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns } });
        writer.Seed(Find("", "v1", "configmaps"), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["namespace"] = ns },
            ["data"] = new JsonObject { ["ca.crt"] = "-----BEGIN CERTIFICATE-----\nemulated\n-----END CERTIFICATE-----\n" },
        });
    }

    private static ResourceType Find(string group, string version, string plural) =>
        BuiltInResources.Types.Single(t => t.Group == group && t.Version == version && t.Plural == plural);
}
