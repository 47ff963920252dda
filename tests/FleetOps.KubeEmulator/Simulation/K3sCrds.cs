using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.FieldManagement;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Serialization;

namespace FleetOps.KubeEmulator.Simulation;

/// <summary>
/// The CustomResourceDefinitions a k3s 1.32 server installs by itself: its helm controller's, its deploy and etcd
/// snapshot controllers', and the traefik.io ones of its bundled Traefik chart. Their schemas here accept any
/// content (k3s's are structural and stricter).
/// </summary>
internal static class K3sCrds
{
    private static readonly (string Group, string Version, string Kind, string Plural, bool Namespaced, bool Status)[] Kinds =
    [
        ("helm.cattle.io", "v1", "HelmChart", "helmcharts", true, true),
        ("helm.cattle.io", "v1", "HelmChartConfig", "helmchartconfigs", true, false),
        ("k3s.cattle.io", "v1", "Addon", "addons", true, false),
        ("k3s.cattle.io", "v1", "ETCDSnapshotFile", "etcdsnapshotfiles", false, true),
        ("traefik.io", "v1alpha1", "IngressRoute", "ingressroutes", true, false),
        ("traefik.io", "v1alpha1", "IngressRouteTCP", "ingressroutetcps", true, false),
        ("traefik.io", "v1alpha1", "IngressRouteUDP", "ingressrouteudps", true, false),
        ("traefik.io", "v1alpha1", "Middleware", "middlewares", true, false),
        ("traefik.io", "v1alpha1", "MiddlewareTCP", "middlewaretcps", true, false),
        ("traefik.io", "v1alpha1", "ServersTransport", "serverstransports", true, false),
        ("traefik.io", "v1alpha1", "ServersTransportTCP", "serverstransporttcps", true, false),
        ("traefik.io", "v1alpha1", "TLSOption", "tlsoptions", true, false),
        ("traefik.io", "v1alpha1", "TLSStore", "tlsstores", true, false),
        ("traefik.io", "v1alpha1", "TraefikService", "traefikservices", true, false),
    ];

    /// <summary>Placeholders in <see cref="Templates"/> for what each cluster stamps its own: timestamps and the uid.</summary>
    private const string TemplateTime = "2000-01-01T00:00:00Z";
    private const string TemplateUid = "00000000-0000-0000-0000-00000000c4d0";

    /// <summary>
    /// Each CRD as stored and Established (status and managed fields included), built once per process: every new
    /// cluster needs the same fourteen, and running each through the write path for hundreds of clusters costs.
    /// </summary>
    private static readonly Lazy<string[]> Templates = new(() => [.. Definitions().Select(Template)]);

    /// <summary>The CRDs as a new cluster stores them: Established from the start, stamped with <paramref name="now"/>.</summary>
    public static IEnumerable<JsonObject> Stored(string now) =>
        Templates.Value.Select(t => JsonNode.Parse(t.Replace(TemplateTime, now, StringComparison.Ordinal)
            .Replace(TemplateUid, Guid.NewGuid().ToString(), StringComparison.Ordinal))!.AsObject());

    private static string Template(JsonObject definition)
    {
        var type = BuiltInResources.CustomResourceDefinition;
        definition["apiVersion"] = type.ApiVersion;
        definition["kind"] = type.Kind;
        definition["metadata"]!["uid"] = TemplateUid;
        definition["metadata"]!["creationTimestamp"] = TemplateTime;
        definition["metadata"]!["generation"] = 1;
        FieldManager.RecordUpdate(null, definition, SimulatedControllers.ControllerManager, type, null, TemplateTime);
        var established = (JsonObject)definition.DeepClone();
        established["status"] = StatusSimulator.Simulate(type, definition, SimulationStep.Reconcile, TemplateTime, 1);
        FieldManager.RecordUpdate(definition, established, SimulatedControllers.ControllerManager, type, "status", TemplateTime);
        return CanonicalOrder.Apply(established).ToJsonString();
    }

    private static IEnumerable<JsonObject> Definitions() => Kinds.Select(k =>
    {
        var version = new JsonObject
        {
            ["name"] = k.Version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject
            {
                ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        };
        if (k.Status)
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{k.Plural}.{k.Group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = k.Group,
                ["names"] = new JsonObject
                {
                    ["kind"] = k.Kind,
                    ["listKind"] = k.Kind + "List",
                    ["plural"] = k.Plural,
                    ["singular"] = k.Kind.ToLowerInvariant(),
                },
                ["scope"] = k.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(version),
            },
        };
    });
}
