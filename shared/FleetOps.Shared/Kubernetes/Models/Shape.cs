using System.Collections.Frozen;

namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>
/// The decoding shape of one Go type of the Kubernetes API, read from KubernetesClient's model class: its fields
/// by JSON name, or its element, or the scalar it is. Built once per type (<see cref="ShapeBuilder"/>), then shared.
/// </summary>
internal sealed class Shape
{
    public static readonly FrozenDictionary<string, Shape> NoFields = FrozenDictionary<string, Shape>.Empty;

    public Shape(ShapeKind kind, string goType)
    {
        Kind = kind;
        GoType = goType;
    }

    public ShapeKind Kind { get; }

    /// <summary>The Go type as the JSON decoder names it in errors: <c>int32</c>, <c>v1.ObjectMeta</c>, <c>[]v1.Container</c>.</summary>
    public string GoType { get; }

    /// <summary>The Go struct name (no package) of an object, e.g. <c>DeploymentSpec</c>.</summary>
    public string GoStruct { get; init; } = "";

    /// <summary>The element of a list or map.</summary>
    public Shape? Element { get; set; }

    /// <summary>An object's fields by JSON name.</summary>
    public FrozenDictionary<string, Shape> Fields { get; set; } = NoFields;

    /// <summary>
    /// For a list: null when atomic, the key fields when it is an associative list merged by key (containers by name),
    /// empty when it is a set of scalars (finalizers).
    /// </summary>
    public string[]? ListKeys { get; init; }

    public Shape WithListKeys(string[]? keys) => keys is null ? this : new Shape(Kind, GoType) { Element = Element, ListKeys = keys };
}
