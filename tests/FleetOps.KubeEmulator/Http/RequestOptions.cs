using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using FleetOps.KubeEmulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>The query options (and DeleteOptions body) of a request, checked as the API server checks them.</summary>
internal static class RequestOptions
{
    public static WriteOptions ForWrite(HttpContext context, string optionsKind, LogEntry entry, bool force)
    {
        var query = context.Request.Query;
        var dryRun = DryRun(query["dryRun"], optionsKind);
        var manager = (string?)query["fieldManager"];
        if (string.IsNullOrEmpty(manager))
        {
            // Like the API server: the user agent up to its first '/', e.g. "kubectl" or "KubernetesClient".
            var agent = context.Request.Headers.UserAgent.ToString();
            manager = agent.Length == 0 ? "unknown" : agent.Split('/')[0];
        }

        if (manager.Length > 128)
            throw ApiErrors.InvalidOptions(optionsKind, [FieldError.Invalid("fieldManager", manager, "must be at most 128 characters")]);

        entry.DryRun = dryRun;
        entry.FieldManager = manager;
        return new WriteOptions(manager, dryRun, force, Validation(query["fieldValidation"], optionsKind));
    }

    public static async Task<DeleteOptions> ForDelete(HttpContext context, LogEntry entry)
    {
        var query = context.Request.Query;
        var dryRun = DryRun(query["dryRun"], "DeleteOptions");
        string? propagation = query["propagationPolicy"];
        string? uid = null;
        string? rv = null;
        var text = await RequestBody.ReadText(context.Request);
        if (!string.IsNullOrWhiteSpace(text) && YamlJson.Parse(text) is JsonObject body)
        {
            dryRun |= body["dryRun"] is JsonArray values && DryRun(values.Select(v => (string?)v), "DeleteOptions");
            propagation ??= (string?)body["propagationPolicy"];
            uid = (string?)body["preconditions"]?["uid"];
            rv = (string?)body["preconditions"]?["resourceVersion"];
        }

        string[] policies = ["Orphan", "Background", "Foreground"];
        if (propagation is not null && !policies.Contains(propagation))
            throw ApiErrors.InvalidOptions("DeleteOptions", [FieldError.NotSupported("propagationPolicy", propagation, policies)]);

        entry.DryRun = dryRun;
        return new DeleteOptions(dryRun, uid, rv, propagation);
    }

    /// <summary>Whether a boolean query option such as <c>watch</c> or <c>force</c> is set.</summary>
    public static bool IsTrue(string? value) => value is "true" or "1" or "True";

    /// <summary>Absent means Warn, the server's default since 1.27; anything but the three names is refused as the server refuses it.</summary>
    private static FieldValidation Validation(string? value, string optionsKind) => value switch
    {
        null or "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        _ => throw ApiErrors.InvalidOptions(optionsKind, [FieldError.NotSupported("fieldValidation", JsonValue.Create(value), ["", "Ignore", "Strict", "Warn"])]),
    };

    private static bool DryRun(IEnumerable<string?> values, string optionsKind)
    {
        var dryRun = false;
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            if (value != "All")
                throw ApiErrors.InvalidOptions(optionsKind, [FieldError.NotSupported("dryRun", value, ["All"])]);

            dryRun = true;
        }

        return dryRun;
    }
}
