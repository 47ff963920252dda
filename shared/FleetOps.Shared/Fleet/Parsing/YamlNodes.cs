namespace FleetOps.Shared.Fleet.Parsing;

// The small YAML tree the fleet.yaml readers walk. These records sit together because they are one
// closed family, internal to parsing. Unlike YamlDotNet's representation model they keep every
// mapping entry in order (so duplicate keys are reported, not thrown) and record how each scalar
// resolves (string, number, boolean, null), which label values need.

internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>How the node is named in messages: "a list", "a mapping", "the number 1".</summary>
    public abstract string Describe();
}

internal enum ScalarKind
{
    String,
    Null,
    Boolean,
    Number,
}

internal sealed record ScalarNode(string Value, ScalarKind Kind, int Line, int Column) : YamlNode(Line, Column)
{
    public bool IsNull => Kind == ScalarKind.Null;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "no value",
        ScalarKind.Boolean => $"the boolean {Value}",
        ScalarKind.Number => $"the number {Value}",
        _ => $"the text '{Value}'",
    };
}

internal sealed record SequenceNode(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Describe() => "a list";
}

internal sealed record MappingNode(IReadOnlyList<MappingEntry> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Describe() => "a mapping";
}

/// <summary>One document of the stream; <see cref="Line"/> is its '---' when it has one.</summary>
internal sealed record YamlDocument(YamlNode Root, int Line, int Column);

internal sealed record MappingEntry(YamlNode Key, YamlNode Value)
{
    public string KeyText => Key is ScalarNode scalar ? scalar.Value : "";

    /// <summary>
    /// Where to report a problem with the value: an empty value (<c>path:</c>) has no position of its
    /// own worth showing, so it is reported on its key.
    /// </summary>
    public YamlNode ValueOrKey => Value is ScalarNode { IsNull: true, Value: "" } ? Key : Value;
}
