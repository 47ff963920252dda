using System.Text;

namespace FleetOps.Shared.Rendering;

/// <summary>Where a value sits in an object, written as people read it: <c>spec.containers[0].env[1].value</c>, <c>data['app.conf']</c>.</summary>
internal sealed class FieldPath
{
    private readonly List<object> segments = [];

    public void Push(string property) => segments.Add(property);

    public void Push(int index) => segments.Add(index);

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
                text.Append('[').Append(index).Append(']');
            else if (segment is string name && IsPlain(name))
                text.Append(text.Length == 0 ? "" : ".").Append(name);
            else
                text.Append("['").Append(((string)segment).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
        return text.Length == 0 ? "(root)" : text.ToString();
    }

    private static bool IsPlain(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
