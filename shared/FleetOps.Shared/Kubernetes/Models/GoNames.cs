using System.Text.RegularExpressions;

namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>
/// Go's names for KubernetesClient's model classes, as the API server's JSON decoder prints them in type errors:
/// <c>V1ObjectMeta</c> is <c>v1.ObjectMeta</c> (struct <c>ObjectMeta</c>), <c>Corev1Event</c> is <c>v1.Event</c>.
/// </summary>
internal static partial class GoNames
{
    public static (string Package, string Struct) Of(Type model)
    {
        var match = ModelName().Match(model.Name);
        return match.Success ? (match.Groups[2].Value.ToLowerInvariant(), match.Groups[3].Value) : ("", model.Name);
    }

    public static string Qualified(Type model)
    {
        var (package, name) = Of(model);
        return package.Length == 0 ? name : $"{package}.{name}";
    }

    // An optional group prefix (Core, Events, Storage...), the version (V1, V1beta1, v2), the Go struct name.
    [GeneratedRegex("^([A-Z][a-z]+)??([Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)([A-Z].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();
}
