namespace FleetOps.Shared.Kubernetes;

/// <summary>One step into an object: a property, a list index, or a key of a map field (labels, data).</summary>
public readonly record struct PathSegment(PathSegmentKind Kind, string Name, int Index)
{
    public static PathSegment Property(string name) => new(PathSegmentKind.Property, name, -1);

    public static PathSegment Item(int index) => new(PathSegmentKind.Index, "", index);

    public static PathSegment Key(string key) => new(PathSegmentKind.Key, key, -1);
}
