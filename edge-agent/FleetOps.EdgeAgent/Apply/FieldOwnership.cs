using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Which fields of a manifest a field manager no longer owns on the live object, read from the manager's Apply
/// entry in <c>metadata.managedFields</c> (FieldsV1). Values are never compared: after an apply the manager owns
/// every field its manifest sets, whatever the server made of the values (cpu 0.5 stored as 500m, 1024Mi as 1Gi,
/// schema defaults added beside them), and the server takes a field away only when another manager changes or
/// removes it (an Update: kubectl edit, a merge patch, a PUT) or applies it with force. This is how SSA users
/// (Argo CD's server-side diff, Flux's ssa package) read drift without comparing values themselves.
/// </summary>
/// <remarks>
/// A missing field is drift, or an artefact of the server's own bookkeeping (a field a CRD schema prunes, a
/// write-only field such as a Secret's stringData): the caller then asks the server with a dry run. So the walk
/// may be strict. It follows the list types FieldsV1 records: <c>k:{...}</c> items of associative lists (a key
/// field the manifest omits may have been defaulted by the server, like a port's protocol), <c>v:</c> set
/// members, <c>i:</c> positions, and a leaf <c>{}</c> for scalars, atomic maps and atomic lists.
/// </remarks>
public static class FieldOwnership
{
    // Identity and server-set metadata: never in a FieldsV1 set, whatever the manifest says about them.
    private static readonly HashSet<string> UntrackedMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    /// <summary>
    /// The manifest's fields that <paramref name="manager"/> does not own on <paramref name="live"/> (paths such as
    /// <c>.spec.template.spec.containers[name=api].image</c>, at most <paramref name="max"/>); empty when it owns all.
    /// </summary>
    public static IReadOnlyList<string> Unowned(JsonObject manifest, JsonElement live, string manager, int max = 3)
    {
        var missing = new List<string>();
        var sets = ManagedFieldsReader.AppliedBy(live, manager);
        if (sets.Count == 0)
        {
            missing.Add($"all fields (no Apply entry of '{manager}' in managedFields)");
            return missing;
        }
        var owned = sets.Count == 1 ? sets[0] : Union(sets);
        var walk = new OwnershipWalk(missing, Math.Max(1, max));
        var secret = IsSecret(manifest);
        foreach (var (key, value) in manifest)
        {
            if (key is "apiVersion" or "kind" or "status")
                continue;
            // Write-only: the server folds stringData into data and keeps none of it, so owning it says nothing
            // about the stored values (someone may have edited data since). Only a dry run can tell.
            if (secret && key == "stringData" && value is JsonObject { Count: > 0 })
            {
                missing.Add(".stringData (write-only: stored as data)");
                continue;
            }
            JsonElement? node = owned.TryGetProperty("f:" + key, out var set) && set.ValueKind == JsonValueKind.Object ? set : null;
            walk.Field(value, node, key, key == "metadata" ? UntrackedMetadata : null);
            if (walk.Full)
                break;
        }
        return missing;
    }

    /// <summary>The same, on a live object already turned into nodes.</summary>
    public static IReadOnlyList<string> Unowned(JsonObject manifest, JsonObject live, string manager, int max = 3) =>
        Unowned(manifest, JsonElement.Parse(live.ToJsonString()), manager, max);

    // Several Apply entries of one manager: a field any of them holds is the manager's.
    private static JsonElement Union(List<JsonElement> sets)
    {
        var union = new JsonObject();
        foreach (var set in sets)
            Merge(union, JsonObject.Create(set)!);
        return JsonElement.Parse(union.ToJsonString());

        static void Merge(JsonObject into, JsonObject from)
        {
            foreach (var (key, value) in from)
            {
                if (into[key] is JsonObject mine && value is JsonObject theirs)
                    Merge(mine, theirs);
                else
                    into[key] = value?.DeepClone();
            }
        }
    }

    private static bool IsSecret(JsonObject manifest) =>
        manifest["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "Secret"
        && manifest["apiVersion"] is JsonValue version && version.TryGetValue<string>(out var v) && v == "v1";
}
