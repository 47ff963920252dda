using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// Server-side apply and update ownership tracking in <c>metadata.managedFields</c>, after the API server's
/// fieldmanager: apply merges and detects conflicts with other managers, updates take the fields they change.
/// </summary>
internal static class FieldManager
{
    private static readonly string[] UntrackedMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
        "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    /// <summary>Records an update (create, PUT, non-apply PATCH) by <paramref name="manager"/>.</summary>
    public static void RecordUpdate(JsonObject? older, JsonObject newer, string manager, ResourceType type, string? subresource, string time)
    {
        var entries = newer["metadata"]?.AsObject().ContainsKey("managedFields") == true || older is null
            ? ManagedFieldsEntry.Read(newer)
            : ManagedFieldsEntry.Read(older);
        var changed = new FieldSet();
        var removed = new FieldSet();
        ObjectFields.Diff(TrackedView(older ?? new JsonObject(), type, subresource), TrackedView(newer, type, subresource), type.BuiltIn, changed, removed);

        var target = entries.FirstOrDefault(e => e.SameOwner(manager, "Update", type.ApiVersion, subresource));
        foreach (var entry in entries.Where(e => e != target))
        {
            entry.Fields.Except(changed);
            RemoveSubtrees(entry.Fields, removed);
        }

        if (target is null && !changed.IsEmpty)
        {
            target = new ManagedFieldsEntry(manager, "Update", type.ApiVersion, time, subresource, new FieldSet());
            entries.Add(target);
        }

        if (target is not null)
        {
            target.Fields.Merge(changed);
            RemoveSubtrees(target.Fields, removed);
            if (!changed.IsEmpty)
                target.Time = time;
        }

        ManagedFieldsEntry.Write(newer, entries);
    }

    /// <summary>Applies a configuration for <paramref name="manager"/> to the live object (or creates it).</summary>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, ResourceType type, string time)
    {
        var appliedView = TrackedView(applied, type, null);
        var appliedSet = ObjectFields.Collect(appliedView, type.BuiltIn, markMaps: false);
        var baseObject = (JsonObject?)live?.DeepClone() ?? new JsonObject
        {
            ["apiVersion"] = type.ApiVersion,
            ["kind"] = type.Kind,
            ["metadata"] = new JsonObject(),
        };
        var entries = ManagedFieldsEntry.Read(baseObject);
        var mine = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", null, null));
        var merged = ApplyMerge.Merge(baseObject, appliedView, type.BuiltIn);

        var conflicts = FindConflicts(baseObject, merged, appliedSet, entries.Where(e => e != mine).ToList());
        if (conflicts.Count > 0 && !force && LastApplied.Unallowed(conflicts, live, manager, type) is { Count: > 0 } unallowed)
            throw ConflictError(unallowed);

        foreach (var (owner, path) in conflicts)
        {
            owner.Fields.Remove(path);
        }

        var dropped = mine?.Fields.Clone() ?? new FieldSet();
        dropped.Except(appliedSet);
        // Shallow first: removing a list item whole must not be preceded by removing its key fields. A dropped path
        // stays while anyone still owns something at or under it, the applier included: `data: {}` then
        // `data: {k: v}` drops the member `.data` but still applies the map through `.data.k`, so the API server
        // prunes nothing there (its prune adds back every item a manager, the new applied set among them, owns).
        foreach (var path in dropped.Members().OrderBy(p => p.Count))
        {
            if (!appliedSet.ContainsAnyAt(path) && !entries.Any(e => e != mine && e.Fields.ContainsAnyAt(path)))
                FieldPath.Remove(merged, path);
        }

        if (mine is null)
        {
            mine = new ManagedFieldsEntry(manager, "Apply", null, null, null, appliedSet);
            entries.Add(mine);
        }

        mine.Fields = appliedSet;
        mine.ApiVersion = (string?)applied["apiVersion"] ?? type.ApiVersion;
        mine.Time = time;
        ManagedFieldsEntry.Write(merged, entries);
        LastApplied.Sync(merged, live, applied, manager);
        return merged;
    }

    /// <summary>The part of an object whose fields are owned: no identity, server-set metadata, or status of the main resource.</summary>
    public static JsonObject TrackedView(JsonObject obj, ResourceType type, string? subresource)
    {
        var view = (JsonObject)obj.DeepClone();
        view.Remove("apiVersion");
        view.Remove("kind");
        if (view["metadata"] is JsonObject metadata)
        {
            foreach (var name in UntrackedMetadata)
                metadata.Remove(name);

            if (metadata.Count == 0)
                view.Remove("metadata");
        }

        if (subresource == "status")
        {
            foreach (var name in view.Select(p => p.Key).Where(k => k != "status").ToList())
                view.Remove(name);
        }
        else if (type.HasStatus)
        {
            view.Remove("status");
        }

        return view;
    }

    private static List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)> FindConflicts(
        JsonObject live, JsonObject merged, FieldSet appliedSet, List<ManagedFieldsEntry> others)
    {
        var conflicts = new List<(ManagedFieldsEntry, IReadOnlyList<string>)>();
        foreach (var path in appliedSet.Members())
        {
            // A list item's "." marks its existence, which is decided by its key, not its value.
            if (appliedSet.Find(path)!.Children.Count > 0)
                continue;

            var owners = others.Where(o => o.Fields.Contains(path)).ToList();
            if (owners.Count == 0 || JsonNode.DeepEquals(FieldPath.Resolve(live, path), FieldPath.Resolve(merged, path)))
                continue;

            conflicts.AddRange(owners.Select(o => (o, path)));
        }

        return conflicts;
    }

    private static KubeApiException ConflictError(List<(ManagedFieldsEntry Owner, IReadOnlyList<string> Path)> conflicts)
    {
        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {c.Owner.Describe()}",
            ["field"] = FieldPath.Describe(c.Path),
        }).ToArray());

        if (conflicts.Count == 1)
        {
            var (owner, path) = conflicts[0];
            return ApiErrors.ApplyConflict(causes, $"Apply failed with 1 conflict: conflict with {owner.Describe()}: {FieldPath.Describe(path)}");
        }

        var lines = conflicts.GroupBy(c => c.Owner.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(c => "- " + FieldPath.Describe(c.Path)).Prepend($"conflicts with {g.Key}:"));
        return ApiErrors.ApplyConflict(causes, $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}");
    }

    private static void RemoveSubtrees(FieldSet fields, FieldSet removed)
    {
        foreach (var path in removed.Members())
            fields.RemoveSubtree(path);
    }
}
