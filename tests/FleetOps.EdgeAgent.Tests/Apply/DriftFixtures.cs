using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Render;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Apply;

/// <summary>
/// The drift fixtures: manifests in <c>testdata/drift/manifests</c>, rendered and stamped as the agent does for
/// group <c>till</c> on <c>store-0001</c>, and live objects in <c>testdata/drift/live</c> as a real API server
/// returns them (normalised values, defaults, managedFields as the server records them).
/// </summary>
internal static class DriftFixtures
{
    public const string Group = "till";
    public const string ClusterId = "store-0001";

    private static readonly Lazy<Task<IReadOnlyList<JsonObject>>> Rendered = new(RenderAsync);

    /// <summary>A fresh copy of the stamped manifest of the given kind.</summary>
    public static async Task<JsonObject> ManifestAsync(string kind)
    {
        var all = await Rendered.Value;
        return all.Single(o => (string?)o["kind"] == kind).DeepClone().AsObject();
    }

    public static JsonObject Live(string name) => JsonNode.Parse(TestData.Read("drift", "live", name + ".json"))!.AsObject();

    public static JsonObject Refusal(string name) => JsonNode.Parse(TestData.Read("drift", "refusals", name + ".json"))!.AsObject();

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync()
    {
        var renderer = new SharedManifestRenderer(FleetOps.Shared.Rendering.Renderer.Default, AgentOptions.Default with { ClusterId = ClusterId });
        var objects = await renderer.RenderAsync(TestData.Root, "drift/manifests", null, CancellationToken.None);
        foreach (var o in objects)
            Ownership.Stamp(o, Group, ClusterId);
        return objects;
    }
}
