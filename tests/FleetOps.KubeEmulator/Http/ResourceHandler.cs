using System.Globalization;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>
/// Serves a resource URL: picks the verb from the method and the URL, reads its options and body, and calls the
/// cluster. Watches stream through <see cref="WatchStream"/>.
/// </summary>
internal sealed class ResourceHandler(CancellationToken stopping)
{
    private static readonly string[] PatchTypes =
    [
        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json",
    ];

    public async Task Serve(HttpContext context, ClusterState cluster, string group, string version, string[] path, LogEntry entry)
    {
        var target = RequestTarget.Parse(cluster, group, version, path);
        var request = context.Request;
        var query = request.Query;
        var ns = target.Namespace ?? "";
        entry.Resource = target.Type.Plural;
        entry.Namespace = target.Namespace;
        entry.Name = target.Name;
        entry.Subresource = target.Subresource;

        switch (request.Method)
        {
            case "GET" when target.Name is not null:
                entry.Verb = "get";
                await Responses.Write(context, target.Subresource == "scale" ? cluster.GetScale(target.Type, ns, target.Name) : cluster.Get(target.Type, ns, target.Name));
                return;
            case "GET" when target.WatchPath || RequestOptions.IsTrue(query["watch"]):
                entry.Verb = "watch";
                await WatchStream.Serve(context, cluster, target, stopping);
                return;
            case "GET":
                entry.Verb = "list";
                var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 0;
                await Responses.Write(context, cluster.List(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), limit, query["continue"]));
                return;
            case "POST" when target.Name is null:
                entry.Verb = "create";
                RequireNamespaceInPath(target);
                var createOptions = RequestOptions.ForWrite(context, "CreateOptions", entry, force: false);
                await Responses.Write(context, cluster.Create(target.Type, ns, await RequestBody.ReadObject(request, entry), createOptions));
                return;
            case "PUT" when target.Name is not null:
                entry.Verb = "update";
                var updateOptions = RequestOptions.ForWrite(context, "UpdateOptions", entry, force: false);
                var body = await RequestBody.ReadObject(request, entry);
                await Responses.Write(context, target.Subresource == "scale"
                    ? cluster.UpdateScale(target.Type, ns, target.Name, body, updateOptions)
                    : cluster.Update(target.Type, ns, target.Name, body, updateOptions, target.Subresource));
                return;
            case "PATCH" when target.Name is not null:
                entry.Verb = "patch";
                await Patch(context, cluster, target, entry);
                return;
            case "DELETE" when target.Name is not null:
                entry.Verb = "delete";
                await Responses.Write(context, cluster.Delete(target.Type, ns, target.Name, await RequestOptions.ForDelete(context, entry)));
                return;
            case "DELETE":
                entry.Verb = "deletecollection";
                await Responses.Write(context, cluster.DeleteCollection(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), await RequestOptions.ForDelete(context, entry)));
                return;
            default:
                throw ApiErrors.MethodNotAllowed(request.Method);
        }
    }

    private async Task Patch(HttpContext context, ClusterState cluster, RequestTarget target, LogEntry entry)
    {
        var mediaType = (context.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var accepted = target.Type.BuiltIn ? PatchTypes : PatchTypes[..3];
        var kind = mediaType switch
        {
            "application/apply-patch+yaml" => PatchKind.Apply,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" when target.Type.BuiltIn => PatchKind.Strategic,
            "application/json-patch+json" => PatchKind.Json,
            _ => throw ApiErrors.UnsupportedMediaType(mediaType, accepted),
        };
        entry.PatchType = mediaType;
        var query = context.Request.Query;
        var force = RequestOptions.IsTrue(query["force"]);
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(query["fieldManager"]))
            throw ApiErrors.InvalidOptions("PatchOptions", [FieldError.Required("fieldManager", "is required for apply patch")]);

        if (kind != PatchKind.Apply && query.ContainsKey("force"))
            throw ApiErrors.InvalidOptions("PatchOptions", [FieldError.Forbidden("force", "may not be specified for non-apply patch")]);

        var writeOptions = RequestOptions.ForWrite(context, "PatchOptions", entry, force);
        var patch = await RequestBody.ReadPatch(context.Request, kind, entry);
        await Responses.Write(context, target.Subresource == "scale"
            ? cluster.PatchScale(target.Type, target.Namespace ?? "", target.Name!, kind, patch, writeOptions)
            : cluster.Patch(target.Type, target.Namespace ?? "", target.Name!, kind, patch, writeOptions, target.Subresource));
    }

    private static void RequireNamespaceInPath(RequestTarget target)
    {
        if (target.Type.Namespaced && target.Namespace is null)
            throw ApiErrors.MethodNotAllowed("POST");
    }
}
