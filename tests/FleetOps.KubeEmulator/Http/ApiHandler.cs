using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Storage;
using Microsoft.AspNetCore.Http;

namespace FleetOps.KubeEmulator.Http;

/// <summary>
/// Serves <c>/clusters/{name}/...</c>: picks the cluster, answers discovery and OpenAPI, hands resource URLs to
/// <see cref="ResourceHandler"/>, and turns failures into Status bodies. Logs every request.
/// </summary>
internal sealed class ApiHandler(Func<string, ClusterState?> findCluster, KubeEmulatorOptions options, CancellationToken stopping)
{
    private readonly ResourceHandler resources = new(stopping);

    public async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "clusters")
        {
            await Responses.WriteText(context, 404, "404 page not found\n");
            return;
        }

        var cluster = findCluster(segments[1]);
        if (cluster is null)
        {
            await Responses.WriteError(context, new KubeApiException(404, "NotFound", $"cluster \"{segments[1]}\" is not hosted by this emulator", new JsonObject()));
            return;
        }

        var entry = new LogEntry(context.Request.Method, context.Request.Path.Value ?? "");
        try
        {
            await Route(context, cluster, segments[2..], entry);
        }
        catch (KubeApiException e)
        {
            await Responses.WriteError(context, e);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // Bodies that parse but hold the wrong JSON types land here, as they would fail decoding upstream.
            await Responses.WriteError(context, ApiErrors.BadRequest($"error decoding request: {e.Message}"));
        }
        finally
        {
            cluster.Log.Add(entry.ToRequest(options.TimeProvider.GetUtcNow(), context.Response.StatusCode, options.RecordBodies));
        }
    }

    private async Task Route(HttpContext context, ClusterState cluster, string[] path, LogEntry entry)
    {
        if (path.Length == 0)
        {
            await Responses.WriteJson(context, 200, new JsonObject { ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version") });
            return;
        }

        switch (path[0])
        {
            case "version":
                await Responses.WriteJson(context, 200, Discovery.Version(options.KubernetesVersion));
                return;
            case "healthz" or "livez" or "readyz":
                await Responses.WriteText(context, 200, "ok");
                return;
            case "api" when path.Length == 1:
                await Responses.WriteJson(context, 200, Discovery.CoreVersions($"{context.Request.Host}"));
                return;
            case "api" when path[1] == "v1":
                if (path.Length == 2)
                {
                    await Responses.WriteJson(context, 200, Discovery.Resources(cluster.Catalog, "", "v1"));
                    return;
                }

                await resources.Serve(context, cluster, "", "v1", path[2..], entry);
                return;
            case "apis" when path.Length == 1:
                cluster.RunDue();
                await Responses.WriteJson(context, 200, Discovery.Groups(cluster.Catalog));
                return;
            case "apis" when path.Length == 2:
                cluster.RunDue();
                await Responses.WriteJson(context, 200, Discovery.Group(cluster.Catalog, path[1]) ?? throw ApiErrors.UnknownResource());
                return;
            case "apis":
                cluster.RunDue();
                if (!cluster.Catalog.IsServedGroupVersion(path[1], path[2]))
                    throw ApiErrors.UnknownResource();

                if (path.Length == 3)
                {
                    await Responses.WriteJson(context, 200, Discovery.Resources(cluster.Catalog, path[1], path[2]));
                    return;
                }

                await resources.Serve(context, cluster, path[1], path[2], path[3..], entry);
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
                await Responses.WriteJson(context, 200, document ?? throw ApiErrors.UnknownResource());
                return;
            default:
                throw ApiErrors.UnknownResource();
        }
    }
}
