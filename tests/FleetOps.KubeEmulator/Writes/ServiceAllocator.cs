using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Writes;

/// <summary>
/// Gives Services the addresses the API server allocates: a cluster IP from k3s's service range, and node ports
/// for NodePort and LoadBalancer Services. An update keeps what the Service already had.
/// </summary>
internal sealed class ServiceAllocator
{
    private int nextServiceAddress = 10;
    private int nextNodePort = 30000;

    public void Assign(JsonObject service, JsonObject? old)
    {
        var spec = service["spec"]!.AsObject();
        var type = (string?)spec["type"];
        if (type == "ExternalName")
            return;

        var oldSpec = old?["spec"] as JsonObject;
        if (string.IsNullOrEmpty((string?)spec["clusterIP"]))
            spec["clusterIP"] = (string?)oldSpec?["clusterIP"] is { Length: > 0 } kept ? kept : NextServiceAddress();

        if (spec["clusterIPs"] is not JsonArray { Count: > 0 })
            spec["clusterIPs"] = new JsonArray((string?)spec["clusterIP"]);

        if (type is "NodePort" or "LoadBalancer")
        {
            foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (port["nodePort"] is null)
                {
                    var previous = oldSpec?["ports"]?.AsArray().OfType<JsonObject>()
                        .FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?["nodePort"];
                    port["nodePort"] = previous?.DeepClone() ?? nextNodePort++;
                }
            }
        }
    }

    private string NextServiceAddress()
    {
        var n = nextServiceAddress++;
        return $"10.43.{n / 250}.{n % 250 + 1}";
    }
}
