using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Whether a server-side dry-run apply would change the live object, as Flux's ssa package decides drift: the
/// server's answer already holds its own normalisation and defaults, so the two compare as they are, without what
/// changes by itself (resourceVersion, managedFields and their timestamps) and without status, which no apply writes.
/// </summary>
public static class DryRunComparison
{
    public static bool ChangesNothing(JsonObject dryRun, JsonObject live) => JsonNode.DeepEquals(Comparable(dryRun), Comparable(live));

    private static JsonObject Comparable(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }
        return copy;
    }
}
