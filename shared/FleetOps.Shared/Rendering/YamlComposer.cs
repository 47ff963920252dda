using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FleetOps.Shared.Rendering;

/// <summary>Turns YAML text into one node tree per document; comments are dropped by the parser.</summary>
internal static class YamlComposer
{
    // Deep enough for any real CRD schema, shallow enough that recursion cannot exhaust the stack.
    public const int MaxDepth = 200;

    /// <summary>Every document of the stream in order; an empty document has a null root.</summary>
    /// <exception cref="ManifestException">The text is not valid YAML.</exception>
    public static List<ManifestNode?> Compose(string text)
    {
        var documents = new List<ManifestNode?>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                // Anchors are scoped to their document, as in YAML and go-yaml.
                var anchors = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
                var root = ReadNode(parser, anchors, 0);
                parser.Consume<DocumentEnd>();
                documents.Add(IsEmptyDocument(root) ? null : root);
            }
        }
        catch (YamlException e)
        {
            throw new ManifestException(LineOf(e.Start), $"invalid YAML: {Describe(e)}");
        }
        return documents;
    }

    private static ManifestNode ReadNode(IParser parser, Dictionary<string, ManifestNode> anchors, int depth)
    {
        if (depth > MaxDepth)
            throw new ManifestException(LineOf(parser.Current!.Start), $"nesting is deeper than {MaxDepth} levels");

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new ManifestException(LineOf(alias.Start), $"alias *{alias.Value.Value} refers to no anchor defined before it");
        }
        if (parser.TryConsume<Scalar>(out var scalar))
            return Remember(anchors, scalar, new ManifestScalar(scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? "" : scalar.Tag.Value, LineOf(scalar.Start)));

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<ManifestNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, anchors, depth + 1));
            return Remember(anchors, sequenceStart, new ManifestSequence(items, LineOf(sequenceStart.Start)));
        }
        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<ManifestNode, ManifestNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, depth + 1);
                var value = ReadNode(parser, anchors, depth + 1);
                entries.Add(new(key, value));
            }
            return Remember(anchors, mappingStart, new ManifestMapping(entries, LineOf(mappingStart.Start)));
        }
        var unexpected = parser.Current!;
        throw new ManifestException(LineOf(unexpected.Start), $"unexpected {unexpected.GetType().Name}");
    }

    // Registered only once the node is complete, so a node cannot contain itself.
    private static ManifestNode Remember(Dictionary<string, ManifestNode> anchors, NodeEvent e, ManifestNode node)
    {
        if (!e.Anchor.IsEmpty)
            anchors[e.Anchor.Value] = node;
        return node;
    }

    private static bool IsEmptyDocument(ManifestNode root) =>
        root is ManifestScalar { Value.Length: 0 } scalar && scalar.IsPlainUntagged;

    private static int LineOf(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the line is reported separately.
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }
}
