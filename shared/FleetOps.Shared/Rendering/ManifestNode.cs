using YamlDotNet.Core;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// A composed YAML node with the line it starts on. Our own small tree (rather than YamlDotNet's
/// representation model) so that duplicate keys, merge keys and alias expansion follow Kubernetes'
/// rules and every error can point at a line.
/// </summary>
internal abstract class ManifestNode(int line)
{
    public int Line { get; } = line;
}

internal sealed class ManifestScalar(string value, ScalarStyle style, string tag, int line) : ManifestNode(line)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    /// <summary>The explicit tag in long form (<c>tag:yaml.org,2002:str</c>), <c>!</c>, or empty.</summary>
    public string Tag { get; } = tag;

    public bool IsPlainUntagged => Style is ScalarStyle.Plain or ScalarStyle.Any && Tag.Length == 0;
}

internal sealed class ManifestSequence(List<ManifestNode> items, int line) : ManifestNode(line)
{
    public List<ManifestNode> Items { get; } = items;
}

internal sealed class ManifestMapping(List<KeyValuePair<ManifestNode, ManifestNode>> entries, int line) : ManifestNode(line)
{
    public List<KeyValuePair<ManifestNode, ManifestNode>> Entries { get; } = entries;

    /// <summary>The value under a plain string key, for pointing errors at a line; merge keys are not followed.</summary>
    public ManifestNode? Find(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (k is ManifestScalar scalar && scalar.Value == key)
                return v;
        }
        return null;
    }
}
