using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FleetOps.Shared.Rendering;

/// <summary>Converts a composed YAML document to JSON with Kubernetes' scalar, key and merge rules.</summary>
internal static class ManifestJson
{
    // A real manifest has thousands of values; a few aliases nested ten deep ("billion laughs") have billions.
    public const int MaxValues = 1_000_000;

    private const int MaxJsonDepth = YamlComposer.MaxDepth + 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Manifests go to the API server, not into HTML: escaping '<' or '+' would only make them harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxJsonDepth,
    };

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxJsonDepth };

    /// <exception cref="ManifestException">A value cannot be converted; the exception names its line.</exception>
    public static JsonElement Convert(ManifestNode root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var budget = MaxValues;
            Write(root, writer, ref budget);
        }
        return Parse(buffer.WrittenSpan);
    }

    /// <summary>A standalone element (no pooled memory to return), safe to cache and share across threads.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        return JsonElement.ParseValue(ref reader);
    }

    public static JsonWriterOptions Options => WriterOptions;

    private static void Write(ManifestNode node, Utf8JsonWriter writer, ref int budget)
    {
        Spend(node, ref budget);
        switch (node)
        {
            case ManifestScalar scalar:
                WriteScalar(KubernetesScalar.Resolve(scalar), writer);
                break;
            case ManifestSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                    Write(item, writer, ref budget);
                writer.WriteEndArray();
                break;
            case ManifestMapping mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in Entries(mapping, ref budget))
                {
                    writer.WritePropertyName(key);
                    Write(value, writer, ref budget);
                }
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteScalar(ResolvedScalar scalar, Utf8JsonWriter writer)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Bool:
                writer.WriteBooleanValue(scalar.Text == "true");
                break;
            case ScalarKind.Integer or ScalarKind.Float:
                // Raw, so integers beyond 64 bits keep every digit.
                writer.WriteRawValue(scalar.Text);
                break;
            default:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }

    /// <summary>
    /// The mapping's keys as JSON names. Duplicates are refused (almost always a mistake in a manifest).
    /// Merge keys (<c>&lt;&lt;: *defaults</c>) follow the YAML spec: explicit keys win, then earlier merges.
    /// </summary>
    private static List<KeyValuePair<string, ManifestNode>> Entries(ManifestMapping mapping, ref int budget)
    {
        var entries = new List<KeyValuePair<string, ManifestNode>>(mapping.Entries.Count);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        List<ManifestNode>? merges = null;
        foreach (var (key, value) in mapping.Entries)
        {
            if (IsMergeKey(key))
            {
                (merges ??= []).Add(value);
                continue;
            }
            var name = KubernetesScalar.KeyText(key);
            if (!lines.TryAdd(name, key.Line))
                throw new ManifestException(key.Line, $"key '{name}' appears twice in one mapping (first on line {lines[name]})");
            entries.Add(new(name, value));
        }
        foreach (var merge in merges ?? [])
        {
            foreach (var source in MergeSources(merge))
            {
                foreach (var (name, value) in Entries(source, ref budget))
                {
                    Spend(value, ref budget);
                    if (lines.TryAdd(name, value.Line))
                        entries.Add(new(name, value));
                }
            }
        }
        return entries;
    }

    private static IEnumerable<ManifestMapping> MergeSources(ManifestNode merge) => merge switch
    {
        ManifestMapping mapping => [mapping],
        ManifestSequence sequence when sequence.Items.All(i => i is ManifestMapping) => sequence.Items.Cast<ManifestMapping>(),
        _ => throw new ManifestException(merge.Line, "a merge key (<<) needs a mapping or a list of mappings"),
    };

    private static bool IsMergeKey(ManifestNode key) =>
        key is ManifestScalar { Value: "<<" } scalar && (scalar.IsPlainUntagged || scalar.Tag == "tag:yaml.org,2002:merge");

    private static void Spend(ManifestNode node, ref int budget)
    {
        if (--budget < 0)
            throw new ManifestException(node.Line, $"document expands to more than {MaxValues} values; are aliases (*name) nested too deeply?");
    }
}
