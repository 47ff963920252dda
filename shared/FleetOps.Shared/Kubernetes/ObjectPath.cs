using System.Collections.Immutable;
using System.Text;

namespace FleetOps.Shared.Kubernetes;

/// <summary>
/// Where a value sits in an object, written as kube-apiserver writes field paths:
/// <c>spec.template.spec.containers[0].ports[1].containerPort</c>, map keys as <c>data[app.conf]</c>.
/// Built like apimachinery's field.Path: <c>ObjectPath.Root.Child("spec").Child("ports").Index(0)</c>.
/// </summary>
public sealed class ObjectPath : IEquatable<ObjectPath>
{
    private ObjectPath(ImmutableArray<PathSegment> segments) => Segments = segments;

    public static ObjectPath Root { get; } = new([]);

    public ImmutableArray<PathSegment> Segments { get; }

    public ObjectPath Child(string property) => new(Segments.Add(PathSegment.Property(property)));

    public ObjectPath Index(int index) => new(Segments.Add(PathSegment.Item(index)));

    public ObjectPath Key(string key) => new(Segments.Add(PathSegment.Key(key)));

    internal static ObjectPath Of(IEnumerable<PathSegment> segments) => new([.. segments]);

    /// <summary>The property names only, joined by dots: how Go's JSON decoder names the field in a type error.</summary>
    internal string PropertyNames() =>
        string.Join('.', Segments.Where(s => s.Kind == PathSegmentKind.Property).Select(s => s.Name));

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            switch (segment.Kind)
            {
                case PathSegmentKind.Property:
                    text.Append(text.Length == 0 ? "" : ".").Append(segment.Name);
                    break;
                case PathSegmentKind.Index:
                    text.Append('[').Append(segment.Index).Append(']');
                    break;
                default:
                    text.Append('[').Append(segment.Name).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    public bool Equals(ObjectPath? other) => other is not null && Segments.SequenceEqual(other.Segments);

    public override bool Equals(object? obj) => Equals(obj as ObjectPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
