using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>The labels and annotations by which FleetOps marks what it owns and how to treat it.</summary>
public static class Ownership
{
    public const string GroupLabel = "fleetops.io/group";
    public const string ClusterLabel = "fleetops.io/cluster";

    /// <summary>"true": an immutable-field change may delete and recreate the object.</summary>
    public const string ForceAnnotation = "fleetops.io/force";

    /// <summary>"disabled": prune leaves the object in place when its manifest is removed.</summary>
    public const string PruneAnnotation = "fleetops.io/prune";

    public const string FieldManager = "fleetops";

    /// <summary>Adds the ownership labels to a manifest (in place).</summary>
    public static void Stamp(JsonObject body, string group, string clusterId)
    {
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels[GroupLabel] = group;
        labels[ClusterLabel] = clusterId;
    }

    public static string? GroupOf(JsonObject live) => Label(live, GroupLabel);

    public static string? Label(JsonObject o, string key) => (o["metadata"]?["labels"]?[key] as JsonValue)?.GetValue<string>();

    public static string? Annotation(JsonObject o, string key) => (o["metadata"]?["annotations"]?[key] as JsonValue)?.GetValue<string>();

    public static bool AllowsRecreate(JsonObject o) => string.Equals(Annotation(o, ForceAnnotation), "true", StringComparison.OrdinalIgnoreCase);

    public static bool PruneDisabled(JsonObject o) => string.Equals(Annotation(o, PruneAnnotation), "disabled", StringComparison.OrdinalIgnoreCase);
}
