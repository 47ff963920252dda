using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>
/// Reads a KubernetesClient model class into a <see cref="Shape"/>: its <c>[JsonPropertyName]</c> properties and
/// their types (<c>int?</c> is an int32, <c>IList&lt;V1Container&gt;</c> a list of structs, <c>ResourceQuantity</c>
/// a quantity). Each type is read once; a graph is published only when complete, so readers never see half of one.
/// </summary>
internal static class ShapeBuilder
{
    private static readonly ConcurrentDictionary<Type, Shape> Built = new();
    private static readonly Lock Gate = new();

    public static Shape For(Type model)
    {
        if (Built.TryGetValue(model, out var shape))
            return shape;

        lock (Gate)
        {
            if (Built.TryGetValue(model, out shape))
                return shape;

            var pending = new Dictionary<Type, Shape>();
            shape = ObjectShape(model, pending);
            foreach (var (type, built) in pending)
                Built.TryAdd(type, built);

            return shape;
        }
    }

    // KubernetesClient is not trimmed (it is not marked trimmable and the agent trims partially), so every
    // property of every model class is still there to read.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "KubernetesClient's model classes are kept whole.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "KubernetesClient's model classes are kept whole.")]
    private static Shape ObjectShape(Type model, Dictionary<Type, Shape> pending)
    {
        if (Built.TryGetValue(model, out var known) || pending.TryGetValue(model, out known))
            return known;

        var (_, goStruct) = GoNames.Of(model);
        var shape = new Shape(ShapeKind.Object, GoNames.Qualified(model)) { GoStruct = goStruct };
        pending[model] = shape;
        var fields = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } json)
                continue;

            var field = ShapeOf(property.PropertyType, pending);
            fields[json.Name] = field.Kind == ShapeKind.List ? field.WithListKeys(AssociativeLists.For(goStruct, json.Name)) : field;
        }

        shape.Fields = fields.ToFrozenDictionary(StringComparer.Ordinal);
        return shape;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "KubernetesClient's model classes are kept whole.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "KubernetesClient's model classes are kept whole.")]
    private static Shape ShapeOf(Type type, Dictionary<Type, Shape> pending)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalars.TryGetValue(type, out var scalar))
            return scalar;

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
        {
            var element = ShapeOf(type.GetGenericArguments()[0], pending);
            return new Shape(ShapeKind.List, "[]" + element.GoType) { Element = element };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            var element = ShapeOf(type.GetGenericArguments()[1], pending);
            return new Shape(ShapeKind.Map, "map[string]" + element.GoType) { Element = element };
        }

        return type.IsClass && type.Namespace == typeof(V1ObjectMeta).Namespace ? ObjectShape(type, pending) : Any;
    }

    private static readonly Shape Any = new(ShapeKind.Any, "interface {}");

    private static readonly Dictionary<Type, Shape> Scalars = new()
    {
        [typeof(int)] = new Shape(ShapeKind.Int32, "int32"),
        [typeof(long)] = new Shape(ShapeKind.Int64, "int64"),
        [typeof(double)] = new Shape(ShapeKind.Float, "float64"),
        [typeof(bool)] = new Shape(ShapeKind.Bool, "bool"),
        [typeof(string)] = new Shape(ShapeKind.String, "string"),
        [typeof(byte[])] = new Shape(ShapeKind.Bytes, "[]uint8"),
        [typeof(DateTime)] = new Shape(ShapeKind.Time, "v1.Time"),
        [typeof(ResourceQuantity)] = new Shape(ShapeKind.Quantity, "resource.Quantity"),
        [typeof(IntOrString)] = new Shape(ShapeKind.IntOrString, "intstr.IntOrString"),
        [typeof(object)] = Any,
    };
}
