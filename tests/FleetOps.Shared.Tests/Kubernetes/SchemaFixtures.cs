using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>
/// Objects from testdata/kubernetes/FOLDER, read by the hub's own renderer, so their scalars are typed as kubectl
/// types them (<c>8080</c> a number, <c>"80"</c> a string) and the checker sees what the hub would hand it.
/// </summary>
internal static class SchemaFixtures
{
    private static readonly Renderer Renderer = new(RenderOptions.Default with { SearchPath = "" }, TimeProvider.System);
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedSet>>> Sets = new(StringComparer.Ordinal);

    public static async Task<JsonObject> Object(string folder, string name, string? kind = null)
    {
        var set = await Render(folder);
        return set.Objects.Single(o => o.Name == name && (kind is null || o.Kind == kind)).ToJsonObject();
    }

    public static async Task<IReadOnlyList<JsonObject>> All(string folder) =>
        (await Render(folder)).Objects.Select(o => o.ToJsonObject()).ToList();

    /// <summary>The schemas of every CRD in the crd folder.</summary>
    public static async Task<SchemaOptions> CustomResources(bool serverSideApply = false)
    {
        var crds = (await All("crd")).Where(o => (string?)o["kind"] == "CustomResourceDefinition");
        return new SchemaOptions { CustomResources = CustomResourceSchemas.From(crds), ServerSideApply = serverSideApply };
    }

    public static Task<SchemaResult> Check(string folder, string name, SchemaOptions? options = null, string? kind = null) =>
        Object(folder, name, kind).ContinueWith(o => KubernetesSchema.Check(o.Result, options), TaskScheduler.Default);

    private static Task<RenderedSet> Render(string folder) =>
        Sets.GetOrAdd(folder, f => new Lazy<Task<RenderedSet>>(async () =>
        {
            var result = await Renderer.RenderAsync(TestData.PathOf("kubernetes"), f);
            Assert.True(result.IsOk, result.Error?.ToString());
            return result.Set;
        })).Value;
}
