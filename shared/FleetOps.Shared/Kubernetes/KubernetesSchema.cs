using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes.CustomResources;
using FleetOps.Shared.Kubernetes.Decoding;
using FleetOps.Shared.Kubernetes.Models;
using FleetOps.Shared.Kubernetes.Validation;

namespace FleetOps.Shared.Kubernetes;

/// <summary>
/// Checks a Kubernetes object as kube-apiserver 1.32 would before storing it: built-in kinds against the Go types
/// KubernetesClient models (decoder type errors, unknown fields, normalization) plus the validation rules manifests
/// most often trip over; custom resources against their CRD's structural schema (pruning, defaults, validation).
/// The hub uses it as a preflight on rendered objects; the test emulator as its schema.
/// </summary>
public static class KubernetesSchema
{
    public static SchemaResult Check(JsonObject obj, SchemaOptions? options = null)
    {
        options ??= SchemaOptions.Default;
        var apiVersion = JsonText.String(obj["apiVersion"]) ?? "";
        var kind = JsonText.String(obj["kind"]) ?? "";
        if (ModelCatalog.Find(apiVersion, kind) is { } shape)
            return BuiltIn(obj, shape, GroupOf(apiVersion), kind, options.ServerSideApply);

        if (options.CustomResources.Find(apiVersion, kind) is { } schema)
            return Custom(obj, schema, options.ServerSideApply);

        return new SchemaResult(false, [], [], [], () => (JsonObject)obj.DeepClone());
    }

    private static SchemaResult BuiltIn(JsonObject obj, Shape shape, string group, string kind, bool apply)
    {
        var report = new WalkReport();
        new ModelWalker(report, fix: false, apply).Walk(obj, shape);
        RuleBook.Check(group, kind, obj, new RuleContext(report, apply));
        return new SchemaResult(true, report.Errors, report.Unknown, report.Warnings, () =>
        {
            var normalized = (JsonObject)obj.DeepClone();
            new ModelWalker(new WalkReport(), fix: true, apply: false).Walk(normalized, shape);
            return normalized;
        });
    }

    private static SchemaResult Custom(JsonObject obj, StructuralSchema schema, bool apply)
    {
        var report = new WalkReport();
        new CustomResourceWalker(report, fix: false, apply).Walk(obj, schema);
        return new SchemaResult(true, report.Errors, report.Unknown, report.Warnings, () =>
        {
            var normalized = (JsonObject)obj.DeepClone();
            new CustomResourceWalker(new WalkReport(), fix: true, apply: false).Walk(normalized, schema);
            return normalized;
        });
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
