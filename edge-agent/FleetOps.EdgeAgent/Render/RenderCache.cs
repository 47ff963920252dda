using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Source;

namespace FleetOps.EdgeAgent.Render;

/// <summary>
/// Rendered, stamped manifests per (revision, path). A revision's output never changes, so periodic
/// reconciles reuse it: no tree is materialized and kustomize does not run again. Keeps the few most
/// recent entries (one per group is the steady state).
/// </summary>
public sealed class RenderCache(IGitCache git, IManifestRenderer renderer, string clusterId, int capacity = 8)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, IReadOnlyList<DesiredObject> Objects)> entries = new();

    /// <summary>Rendered objects with the group's ownership labels, or a <see cref="RenderException"/>.</summary>
    /// <param name="labels">What <c>${cluster.labels.*}</c> read (null: the agent's own).</param>
    public async Task<IReadOnlyList<DesiredObject>> GetAsync(string group, string revision, string path, IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        var key = $"{group}\n{revision}\n{path}\n{LabelsKey.Of(labels)}";
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    entries.Remove(node);
                    entries.AddFirst(node);
                    return node.Value.Objects;
                }
            }
        }
        IReadOnlyList<JsonObject> rendered;
        using (var tree = await git.MaterializeAsync(revision, cancellationToken).ConfigureAwait(false))
            rendered = await renderer.RenderAsync(tree.Root, path, labels, cancellationToken).ConfigureAwait(false);
        var objects = rendered.Select(o => Prepare(o, group)).ToList();
        lock (gate)
        {
            entries.AddFirst((key, objects));
            while (entries.Count > capacity)
                entries.RemoveLast();
        }
        return objects;
    }

    private DesiredObject Prepare(JsonObject body, string group)
    {
        Ownership.Stamp(body, group, clusterId);
        var metadata = body["metadata"];
        var target = new ObjectRef(
            body["apiVersion"]?.GetValue<string>() ?? throw new RenderException($"an object has no apiVersion: {Trim(body)}"),
            body["kind"]?.GetValue<string>() ?? throw new RenderException($"an object has no kind: {Trim(body)}"),
            metadata?["namespace"]?.GetValue<string>(),
            metadata?["name"]?.GetValue<string>() ?? throw new RenderException($"an object has no metadata.name: {Trim(body)}"));
        var json = body.ToJsonString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32];
        return new DesiredObject(target, body, hash);
    }

    private static string Trim(JsonObject body)
    {
        var s = body.ToJsonString();
        return s.Length > 200 ? s[..200] + "..." : s;
    }
}
