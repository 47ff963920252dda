using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>One <c>metadata.managedFields</c> entry, with its FieldsV1 as a mutable set.</summary>
internal sealed class ManagedFieldsEntry(string manager, string operation, string? apiVersion, string? time, string? subresource, FieldSet fields)
{
    public string Manager => manager;

    public string Operation => operation;

    public string? ApiVersion { get; set; } = apiVersion;

    public string? Time { get; set; } = time;

    public string? Subresource => subresource;

    public FieldSet Fields { get; set; } = fields;

    public bool IsApply => operation == "Apply";

    /// <summary>Apply entries are one per manager; update entries one per manager and API version.</summary>
    public bool SameOwner(string otherManager, string otherOperation, string? otherApiVersion, string? otherSubresource) =>
        manager == otherManager && operation == otherOperation && subresource == otherSubresource
        && (IsApply || ApiVersion == otherApiVersion);

    /// <summary>How conflict messages name the manager, like the API server's printManager.</summary>
    public string Describe()
    {
        var text = $"\"{manager}\"";
        if (subresource is not null)
            text += $" with subresource \"{subresource}\"";

        return IsApply ? text : $"{text} using {ApiVersion}";
    }

    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var list = new List<ManagedFieldsEntry>();
        foreach (var node in obj["metadata"]?["managedFields"]?.AsArray() ?? [])
        {
            if (node is not JsonObject e || (string?)e["manager"] is null && (string?)e["operation"] is null)
                continue;

            list.Add(new ManagedFieldsEntry(
                (string?)e["manager"] ?? "",
                (string?)e["operation"] ?? "Update",
                (string?)e["apiVersion"],
                (string?)e["time"],
                (string?)e["subresource"],
                FieldSet.FromJson(e["fieldsV1"] as JsonObject)));
        }

        return list;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var metadata = obj["metadata"]!.AsObject();
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => !e.Fields.IsEmpty))
        {
            var json = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToJson(),
            };
            if (entry.Subresource is not null)
                json["subresource"] = entry.Subresource;

            array.Add(json);
        }

        if (array.Count == 0)
            metadata.Remove("managedFields");
        else
            metadata["managedFields"] = array;
    }
}
