using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Builds <see cref="YamlNode"/> trees from YamlDotNet's parser events, one per document.
/// Throws <see cref="YamlException"/> (with YamlDotNet's position) for anything that is not YAML.
/// </summary>
internal static class YamlTreeLoader
{
    // Deep enough for any fleet.yaml; stops hostile nesting from exhausting the stack.
    private const int MaxDepth = 64;

    public static IReadOnlyList<YamlDocument> LoadDocuments(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var documents = new List<YamlDocument>();
        parser.Consume<StreamStart>();
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            var (line, column) = Position(parser.Consume<DocumentStart>().Start);
            // Anchors are scoped to their document.
            var root = ReadNode(parser, new Dictionary<string, YamlNode>(StringComparer.Ordinal), depth: 0);
            documents.Add(new YamlDocument(root, line, column));
            parser.Consume<DocumentEnd>();
        }
        return documents;
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        if (depth > MaxDepth)
            throw new YamlException(current.Start, current.End, $"nesting is deeper than {MaxDepth} levels");
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"alias '*{alias.Value.Value}' refers to an anchor that is not defined before it");
        }
        var (line, column) = Position(current.Start);
        YamlNode node = current switch
        {
            Scalar scalar => ReadScalar(parser, scalar, line, column),
            SequenceStart => ReadSequence(parser, anchors, depth, line, column),
            MappingStart => ReadMapping(parser, anchors, depth, line, column),
            _ => throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}"),
        };
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
            anchors[anchored.Anchor.Value] = node;
        return node;
    }

    private static ScalarNode ReadScalar(IParser parser, Scalar scalar, int line, int column)
    {
        parser.MoveNext();
        return new ScalarNode(scalar.Value, ScalarResolver.Resolve(scalar), line, column);
    }

    private static SequenceNode ReadSequence(IParser parser, Dictionary<string, YamlNode> anchors, int depth, int line, int column)
    {
        parser.MoveNext();
        var items = new List<YamlNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
            items.Add(ReadNode(parser, anchors, depth + 1));
        return new SequenceNode(items, line, column);
    }

    private static MappingNode ReadMapping(IParser parser, Dictionary<string, YamlNode> anchors, int depth, int line, int column)
    {
        parser.MoveNext();
        var entries = new List<MappingEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, anchors, depth + 1);
            var value = ReadNode(parser, anchors, depth + 1);
            entries.Add(new MappingEntry(key, value));
        }
        return new MappingNode(entries, line, column);
    }

    public static (int Line, int Column) Position(Mark mark) => ((int)mark.Line, (int)mark.Column);
}
