using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;

namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>Every built-in kind KubernetesClient models (its <c>[KubernetesEntity]</c> classes), by apiVersion and kind.</summary>
internal static class ModelCatalog
{
    private static readonly Lazy<FrozenDictionary<(string ApiVersion, string Kind), Type>> Models = new(Scan);

    public static Shape? Find(string apiVersion, string kind) =>
        Models.Value.TryGetValue((apiVersion, kind), out var model) ? ShapeBuilder.For(model) : null;

    public static Shape ObjectMeta => ShapeBuilder.For(typeof(V1ObjectMeta));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "KubernetesClient is not trimmed: all its model classes are there to find.")]
    private static FrozenDictionary<(string, string), Type> Scan()
    {
        var models = new Dictionary<(string, string), Type>();
        foreach (var type in typeof(V1ObjectMeta).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is not { } entity || string.IsNullOrEmpty(entity.Kind))
                continue;

            var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            models[(apiVersion, entity.Kind)] = type;
        }

        return models.ToFrozenDictionary();
    }
}
