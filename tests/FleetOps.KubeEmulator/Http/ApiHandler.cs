using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Selectors;
using FleetOps.KubeEmulator.Serialization;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>
/// Serves <c>/clusters/{name}/...</c>: picks the cluster, routes discovery and resource URLs, turns query
/// options and bodies into calls on the cluster, and failures into Status bodies. Logs every request.
/// </summary>
internal sealed class ApiHandler(Func<string, ClusterState?> findCluster, KubeEmulatorOptions options, CancellationToken stopping)
{
    private static readonly string[] PatchTypes =
    [
        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json",
    ];

    public async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "clusters")
        {
            await WriteText(context, 404, "404 page not found\n");
            return;
        }

        var cluster = findCluster(segments[1]);
        if (cluster is null)
        {
            await WriteError(context, new KubeApiException(404, "NotFound", $"cluster \"{segments[1]}\" is not hosted by this emulator", new JsonObject()));
            return;
        }

        var entry = new LogEntry(context.Request.Method, context.Request.Path.Value ?? "");
        try
        {
            await Route(context, cluster, segments[2..], entry);
        }
        catch (KubeApiException e)
        {
            await WriteError(context, e);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // Bodies that parse but hold the wrong JSON types land here, as they would fail decoding upstream.
            await WriteError(context, ApiErrors.BadRequest($"error decoding request: {e.Message}"));
        }
        finally
        {
            cluster.Log.Add(entry.ToRequest(options.TimeProvider.GetUtcNow(), context.Response.StatusCode));
        }
    }

    private async Task Route(HttpContext context, ClusterState cluster, string[] path, LogEntry entry)
    {
        if (path.Length == 0)
        {
            await WriteJson(context, 200, new JsonObject { ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version") });
            return;
        }

        switch (path[0])
        {
            case "version":
                await WriteJson(context, 200, Discovery.Version(options.KubernetesVersion));
                return;
            case "healthz" or "livez" or "readyz":
                await WriteText(context, 200, "ok");
                return;
            case "api" when path.Length == 1:
                await WriteJson(context, 200, Discovery.CoreVersions($"{context.Request.Host}"));
                return;
            case "api" when path[1] == "v1":
                if (path.Length == 2)
                {
                    await WriteJson(context, 200, Discovery.Resources(cluster.Catalog, "", "v1"));
                    return;
                }

                await Serve(context, cluster, "", "v1", path[2..], entry);
                return;
            case "apis" when path.Length == 1:
                cluster.RunDue();
                await WriteJson(context, 200, Discovery.Groups(cluster.Catalog));
                return;
            case "apis" when path.Length == 2:
                cluster.RunDue();
                await WriteJson(context, 200, Discovery.Group(cluster.Catalog, path[1]) ?? throw ApiErrors.UnknownResource());
                return;
            case "apis":
                cluster.RunDue();
                if (!cluster.Catalog.IsServedGroupVersion(path[1], path[2]))
                {
                    throw ApiErrors.UnknownResource();
                }

                if (path.Length == 3)
                {
                    await WriteJson(context, 200, Discovery.Resources(cluster.Catalog, path[1], path[2]));
                    return;
                }

                await Serve(context, cluster, path[1], path[2], path[3..], entry);
                return;
            case "openapi" when path.Length >= 2 && path[1] == "v3":
                cluster.RunDue();
                var prefix = $"/clusters/{cluster.Name}";
                var document = path.Length switch
                {
                    2 => OpenApi.Index(cluster.Catalog, prefix),
                    4 when path[2] == "api" => OpenApi.GroupVersion(cluster.Catalog, "", path[3], options.KubernetesVersion),
                    5 when path[2] == "apis" => OpenApi.GroupVersion(cluster.Catalog, path[3], path[4], options.KubernetesVersion),
                    _ => null,
                };
                await WriteJson(context, 200, document ?? throw ApiErrors.UnknownResource());
                return;
            default:
                throw ApiErrors.UnknownResource();
        }
    }

    private async Task Serve(HttpContext context, ClusterState cluster, string group, string version, string[] path, LogEntry entry)
    {
        var target = ParseTarget(cluster, group, version, path);
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
                await Write(context, cluster.Get(target.Type, ns, target.Name));
                return;
            case "GET" when target.WatchPath || IsTrue(query["watch"]):
                entry.Verb = "watch";
                await Watch(context, cluster, target);
                return;
            case "GET":
                entry.Verb = "list";
                var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 0;
                await Write(context, cluster.List(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), limit, query["continue"]));
                return;
            case "POST" when target.Name is null:
                entry.Verb = "create";
                RequireNamespaceInPath(target);
                var createOptions = WriteOptionsFor(context, "CreateOptions", entry, force: false);
                await Write(context, cluster.Create(target.Type, ns, await ReadObject(request), createOptions));
                return;
            case "PUT" when target.Name is not null:
                entry.Verb = "update";
                var updateOptions = WriteOptionsFor(context, "UpdateOptions", entry, force: false);
                await Write(context, cluster.Update(target.Type, ns, target.Name, await ReadObject(request), updateOptions, target.Subresource));
                return;
            case "PATCH" when target.Name is not null:
                entry.Verb = "patch";
                await Patch(context, cluster, target, entry);
                return;
            case "DELETE" when target.Name is not null:
                entry.Verb = "delete";
                await Write(context, cluster.Delete(target.Type, ns, target.Name, await ReadDeleteOptions(context, entry)));
                return;
            case "DELETE":
                entry.Verb = "deletecollection";
                await Write(context, cluster.DeleteCollection(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
                    FieldSelector.Parse(query["fieldSelector"]), await ReadDeleteOptions(context, entry)));
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
        var force = IsTrue(query["force"]);
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(query["fieldManager"]))
        {
            throw ApiErrors.InvalidOptions("PatchOptions", [FieldError.Required("fieldManager", "is required for apply patch")]);
        }

        if (kind != PatchKind.Apply && query.ContainsKey("force"))
        {
            throw ApiErrors.InvalidOptions("PatchOptions", [FieldError.Forbidden("force", "may not be specified for non-apply patch")]);
        }

        var writeOptions = WriteOptionsFor(context, "PatchOptions", entry, force);
        var text = await ReadText(context.Request);
        JsonNode? patch;
        try
        {
            patch = kind == PatchKind.Apply ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {e.Message}");
        }

        await Write(context, cluster.Patch(target.Type, target.Namespace ?? "", target.Name!, kind, patch, writeOptions, target.Subresource));
    }

    private async Task Watch(HttpContext context, ClusterState cluster, RequestTarget target)
    {
        var query = context.Request.Query;
        var watcher = cluster.Watch(target.Type, target.Namespace, LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(query["fieldSelector"]), query["resourceVersion"]);
        try
        {
            var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(30);
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            end.CancelAfter(timeout);
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.StartAsync(end.Token);
            await response.Body.FlushAsync(end.Token);
            while (await watcher.Frames.WaitToReadAsync(end.Token))
            {
                while (watcher.Frames.TryRead(out var frame))
                {
                    await response.Body.WriteAsync(frame, end.Token);
                }

                await response.Body.FlushAsync(end.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch timed out, the client went away, or the server is stopping: all end the stream normally.
        }
        finally
        {
            cluster.Unwatch(watcher);
        }
    }

    private static RequestTarget ParseTarget(ClusterState cluster, string group, string version, string[] path)
    {
        var watchPath = path.Length > 0 && path[0] == "watch";
        if (watchPath)
        {
            path = path[1..];
        }

        string? ns = null;
        if (path.Length >= 3 && path[0] == "namespaces" && !(path.Length == 3 && path[2] is "status" or "finalize"))
        {
            ns = path[1];
            path = path[2..];
        }

        if (path.Length is 0 or > 3)
        {
            throw ApiErrors.UnknownResource();
        }

        cluster.RunDue();
        var type = cluster.Catalog.Find(group, version, path[0]) ?? throw ApiErrors.UnknownResource();
        var name = path.Length > 1 ? path[1] : null;
        var subresource = path.Length > 2 ? path[2] : null;
        if ((ns is not null && !type.Namespaced) || (type.Namespaced && ns is null && name is not null)
            || (subresource is not null && (subresource != "status" || !type.HasStatus)))
        {
            throw ApiErrors.UnknownResource();
        }

        return new RequestTarget(type, ns, name, subresource, watchPath);
    }

    private static void RequireNamespaceInPath(RequestTarget target)
    {
        if (target.Type.Namespaced && target.Namespace is null)
        {
            throw ApiErrors.MethodNotAllowed("POST");
        }
    }

    private static WriteOptions WriteOptionsFor(HttpContext context, string optionsKind, LogEntry entry, bool force)
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
        {
            throw ApiErrors.InvalidOptions(optionsKind, [FieldError.Invalid("fieldManager", manager, "must be at most 128 characters")]);
        }

        entry.DryRun = dryRun;
        entry.FieldManager = manager;
        return new WriteOptions(manager, dryRun, force);
    }

    private static bool DryRun(IEnumerable<string?> values, string optionsKind)
    {
        var dryRun = false;
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            if (value != "All")
            {
                throw ApiErrors.InvalidOptions(optionsKind, [FieldError.NotSupported("dryRun", value, ["All"])]);
            }

            dryRun = true;
        }

        return dryRun;
    }

    private static async Task<DeleteOptions> ReadDeleteOptions(HttpContext context, LogEntry entry)
    {
        var query = context.Request.Query;
        var dryRun = DryRun(query["dryRun"], "DeleteOptions");
        string? propagation = query["propagationPolicy"];
        string? uid = null;
        string? rv = null;
        var text = await ReadText(context.Request);
        if (!string.IsNullOrWhiteSpace(text) && YamlJson.Parse(text) is JsonObject body)
        {
            dryRun |= body["dryRun"] is JsonArray values && DryRun(values.Select(v => (string?)v), "DeleteOptions");
            propagation ??= (string?)body["propagationPolicy"];
            uid = (string?)body["preconditions"]?["uid"];
            rv = (string?)body["preconditions"]?["resourceVersion"];
        }

        string[] policies = ["Orphan", "Background", "Foreground"];
        if (propagation is not null && !policies.Contains(propagation))
        {
            throw ApiErrors.InvalidOptions("DeleteOptions", [FieldError.NotSupported("propagationPolicy", propagation, policies)]);
        }

        entry.DryRun = dryRun;
        return new DeleteOptions(dryRun, uid, rv, propagation);
    }

    private static async Task<JsonObject> ReadObject(HttpRequest request)
    {
        var mediaType = (request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "application/yaml" or "*/*" or ""))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, ["application/json", "application/yaml"]);
        }

        var text = await ReadText(request);
        JsonNode? node;
        try
        {
            node = mediaType == "application/yaml" ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"couldn't decode the request body: {e.Message}");
        }

        return node as JsonObject ?? throw ApiErrors.BadRequest("the request body must be an object");
    }

    private static async Task<string> ReadText(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static async Task Write(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(result.Body);
    }

    private static Task WriteJson(HttpContext context, int code, JsonObject body) =>
        Write(context, new ApiResult(code, Wire.Object(body)));

    private static Task WriteError(HttpContext context, KubeApiException error)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return WriteJson(context, error.Code, error.ToStatus());
    }

    private static async Task WriteText(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text);
    }

    /// <summary>What the request log records, filled in as routing learns it.</summary>
    private sealed class LogEntry(string method, string path)
    {
        public string Verb { get; set; } = method == "GET" ? "get" : method.ToLowerInvariant();

        public string? Resource { get; set; }

        public string? Namespace { get; set; }

        public string? Name { get; set; }

        public string? Subresource { get; set; }

        public string? PatchType { get; set; }

        public string? FieldManager { get; set; }

        public bool DryRun { get; set; }

        public KubeRequest ToRequest(DateTimeOffset time, int status) =>
            new(time, method, path, Verb, Resource, Namespace, Name, Subresource, PatchType, FieldManager, DryRun, status);
    }
}
