namespace FleetOps.Shared.Rendering;

/// <summary>What makes two objects the same object for the API server; the version is not part of it.</summary>
internal readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name)
{
    public static ObjectKey Of(RenderedObject o) => new(o.Group, o.Kind, o.Namespace ?? "", o.Name);
}
