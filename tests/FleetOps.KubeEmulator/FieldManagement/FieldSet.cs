using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>
/// A set of field paths in the FieldsV1 shape: a tree whose keys are path elements (<c>f:spec</c>,
/// <c>k:{"name":"web"}</c>, <c>v:"x"</c>, <c>i:0</c>) and whose nodes are members of the set when
/// <see cref="Self"/> is true (a leaf <c>{}</c>, or <c>".":{}</c> beside children).
/// </summary>
internal sealed class FieldSet
{
    private SortedDictionary<string, FieldSet>? children;

    public bool Self { get; set; }

    public IReadOnlyDictionary<string, FieldSet> Children =>
        (IReadOnlyDictionary<string, FieldSet>?)children ?? EmptyChildren;

    public bool IsEmpty => !Self && (children is null || children.Count == 0);

    private static readonly SortedDictionary<string, FieldSet> EmptyChildren = new(StringComparer.Ordinal);

    public static FieldSet FromJson(JsonObject? json)
    {
        var set = new FieldSet();
        if (json is null)
            return set;

        if (json.Count == 0)
        {
            set.Self = true;
            return set;
        }

        foreach (var (key, value) in json)
        {
            if (key == ".")
            {
                set.Self = true;
                continue;
            }

            var child = FromJson(value as JsonObject);
            if (value is JsonObject { Count: 0 })
                child.Self = true;

            set.GetOrAdd(key).Merge(child);
        }

        return set;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Self && children is { Count: > 0 })
            json["."] = new JsonObject();

        foreach (var (key, child) in Children)
        {
            if (!child.IsEmpty)
                json[key] = child.ToJson();
        }

        return json;
    }

    public FieldSet GetOrAdd(string element)
    {
        children ??= new SortedDictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            children[element] = child;
        }

        return child;
    }

    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
            node = node.GetOrAdd(element);

        node.Self = true;
    }

    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (node.children is null || !node.children.TryGetValue(element, out node))
                return null;
        }

        return node;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.Self == true;

    /// <summary>Whether the path itself or anything below it is a member.</summary>
    public bool ContainsAnyAt(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    public void Remove(IReadOnlyList<string> path) => RemoveAt(path, 0, subtree: false);

    public void RemoveSubtree(IReadOnlyList<string> path) => RemoveAt(path, 0, subtree: true);

    public void Merge(FieldSet other)
    {
        Self |= other.Self;
        foreach (var (key, child) in other.Children)
        {
            GetOrAdd(key).Merge(child);
        }
    }

    /// <summary>Removes every member of <paramref name="other"/> from this set.</summary>
    public void Except(FieldSet other)
    {
        if (other.Self)
            Self = false;

        if (children is null)
            return;

        foreach (var (key, child) in other.Children)
        {
            if (children.TryGetValue(key, out var mine))
            {
                mine.Except(child);
                if (mine.IsEmpty)
                    children.Remove(key);
            }
        }
    }

    public IEnumerable<IReadOnlyList<string>> Members()
    {
        var path = new List<string>();
        return Walk(this, path);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> path)
        {
            if (node.Self)
                yield return path.ToArray();

            foreach (var (key, child) in node.Children)
            {
                path.Add(key);
                foreach (var member in Walk(child, path))
                    yield return member;

                path.RemoveAt(path.Count - 1);
            }
        }
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet();
        copy.Merge(this);
        return copy;
    }

    private void RemoveAt(IReadOnlyList<string> path, int index, bool subtree)
    {
        if (index == path.Count)
        {
            Self = false;
            if (subtree)
                children = null;

            return;
        }

        if (children is null || !children.TryGetValue(path[index], out var child))
            return;

        child.RemoveAt(path, index + 1, subtree);
        if (child.IsEmpty)
            children.Remove(path[index]);
    }
}
