namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// The path of the value a walk is at, kept both as segments (for <see cref="ObjectPath"/>) and, when judging a
/// server-side apply, as structured-merge-diff writes it (<c>.spec.template.spec.containers[name="app"]</c>).
/// </summary>
internal sealed class PathStack
{
    private readonly List<PathSegment> segments = [];
    private readonly List<string> mergePath = [];

    public void Push(PathSegment segment, string mergeStep)
    {
        segments.Add(segment);
        mergePath.Add(mergeStep);
    }

    public void Pop()
    {
        segments.RemoveAt(segments.Count - 1);
        mergePath.RemoveAt(mergePath.Count - 1);
    }

    public ObjectPath Snapshot() => ObjectPath.Of(segments);

    public string MergePath() => string.Concat(mergePath);

    /// <summary>The property names only, dot-joined: the field path Go's JSON decoder prints (no indexes, no map keys).</summary>
    public string GoField() => string.Join('.', segments.Where(s => s.Kind == PathSegmentKind.Property).Select(s => s.Name));
}
