using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// One validated Kubernetes object. <see cref="Content"/> is immutable, so a rendered set can be cached
/// and shared by many reconciles; <see cref="ToJsonObject"/> hands out a private copy to modify and send.
/// </summary>
public sealed record RenderedObject
{
    internal RenderedObject(string apiVersion, string kind, string? @namespace, string name, JsonElement content, ObjectSource source)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Namespace = @namespace;
        Name = name;
        Content = content;
        Source = source;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>metadata.namespace, or null when the object names none (cluster-scoped, or the default namespace).</summary>
    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>The whole object as JSON, keys in source order.</summary>
    public JsonElement Content { get; }

    public ObjectSource Source { get; }

    /// <summary>The API group: <c>apps</c> for <c>apps/v1</c>, empty for the core group (<c>v1</c>).</summary>
    public string Group => ApiVersion.IndexOf('/') is var slash and >= 0 ? ApiVersion[..slash] : "";

    /// <summary><c>Kind/namespace/name</c> or <c>Kind/name</c>, as Flux names objects in messages.</summary>
    public string Subject => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary>A fresh, mutable copy of the object (for example to add ownership labels before applying it).</summary>
    public JsonObject ToJsonObject() => JsonObject.Create(Content) ?? throw new InvalidOperationException($"{Subject} is not a JSON object");

    public override string ToString() => Subject;
}
