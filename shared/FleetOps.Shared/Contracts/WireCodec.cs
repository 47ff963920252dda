using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// The one way in and out of the wire format. <see cref="Parse"/> checks, in order: size, topic,
/// JSON, major version, cluster id against the topic, required fields and types, then the message's
/// own rules; each refusal has its own <see cref="WireErrorCode"/>.
/// </summary>
public sealed class WireCodec(WireOptions options)
{
    public static readonly WireCodec Default = new(WireOptions.Default);

    public WireOptions Options { get; } = options;

    public static byte[] Serialize<T>(T message) where T : class, IClusterMessage =>
        JsonSerializer.SerializeToUtf8Bytes(message, TypeInfo<T>());

    public static string SerializeToString<T>(T message) where T : class, IClusterMessage =>
        Encoding.UTF8.GetString(Serialize(message));

    /// <summary>Parses whatever message the topic names.</summary>
    public ParseResult<IClusterMessage> Parse(string topic, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > Options.MaxPayloadBytes)
            return Fail<IClusterMessage>(WireErrorCode.TooLarge, $"payload of {payload.Length} bytes is over the limit of {Options.MaxPayloadBytes} bytes");
        if (!Topics.TryParse(topic, out var clusterId, out var kind))
            return Fail<IClusterMessage>(WireErrorCode.UnknownTopic, $"topic '{topic}' is not a {Topics.Root}/{{clusterId}}/{{kind}} topic");
        return kind switch
        {
            MessageKind.Desired => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.DesiredMessage, MessageRules.Check)),
            MessageKind.Hello => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.HelloMessage, MessageRules.Check)),
            MessageKind.Status => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.StatusMessage, MessageRules.Check)),
            MessageKind.Journal => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.JournalMessage, MessageRules.Check)),
            MessageKind.Ack => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.AckMessage, MessageRules.Check)),
            MessageKind.Presence => Widen(ParseBody(clusterId, payload, ContractsJsonContext.Default.PresenceMessage, MessageRules.Check)),
            _ => Fail<IClusterMessage>(WireErrorCode.UnknownTopic, $"topic '{topic}' names no known message"),
        };
    }

    /// <summary>Parses a payload that must be of type <typeparamref name="T"/> (the topic's kind must agree).</summary>
    public ParseResult<T> Parse<T>(string topic, ReadOnlySpan<byte> payload) where T : class, IClusterMessage
    {
        var result = Parse(topic, payload);
        if (!result.IsOk)
            return new ParseResult<T>(null, result.Error);
        return result.Message is T typed
            ? ParseResult<T>.Ok(typed)
            : ParseResult<T>.Fail(WireErrorCode.KindMismatch, $"topic '{topic}' carries {result.Message.GetType().Name}, not {typeof(T).Name}");
    }

    private static ParseResult<T> ParseBody<T>(string topicClusterId, ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo, Func<T, string?> rules)
        where T : class, IClusterMessage
    {
        // JsonDocument checks UTF-8 lazily (property names only when read), so check it up front.
        if (!System.Text.Unicode.Utf8.IsValid(payload))
            return ParseResult<T>.Fail(WireErrorCode.InvalidJson, "payload is not valid UTF-8");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return ParseResult<T>.Fail(WireErrorCode.InvalidJson, $"payload is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ParseResult<T>.Fail(WireErrorCode.InvalidJson, $"payload must be a JSON object, not {root.ValueKind}");

            // Version first: a future major may change every other field, so nothing else is judged before it.
            if (!root.TryGetProperty("v", out var version))
                return ParseResult<T>.Fail(WireErrorCode.MissingField, "required field 'v' (major version) is missing");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var major))
                return ParseResult<T>.Fail(WireErrorCode.InvalidField, "field 'v' must be an integer major version");
            if (major != WireVersion.Current)
                return ParseResult<T>.Fail(WireErrorCode.UnsupportedVersion, $"major version {major} is not supported (this build speaks v{WireVersion.Current})");

            if (!root.TryGetProperty("clusterId", out var clusterId))
                return ParseResult<T>.Fail(WireErrorCode.MissingField, "required field 'clusterId' is missing");
            if (clusterId.ValueKind != JsonValueKind.String)
                return ParseResult<T>.Fail(WireErrorCode.InvalidField, "field 'clusterId' must be a string");
            if (!string.Equals(clusterId.GetString(), topicClusterId, StringComparison.Ordinal))
                return ParseResult<T>.Fail(WireErrorCode.ClusterMismatch, $"payload names cluster '{clusterId.GetString()}' but arrived on the topic of '{topicClusterId}'");

            T? message;
            try
            {
                message = root.Deserialize((JsonTypeInfo<T>)ReadOptions.GetTypeInfo(typeInfo.Type));
            }
            catch (JsonException e)
            {
                return ClassifyDeserializationError<T>(e);
            }
            if (message is null)
                return ParseResult<T>.Fail(WireErrorCode.InvalidJson, "payload is null");

            var broken = rules(message);
            return broken is null ? ParseResult<T>.Ok(message) : ParseResult<T>.Fail(WireErrorCode.InvalidField, broken);
        }
    }

    // Nullable fields are optional when reading: a writer that omits nulls, or predates a nullable field
    // added in a minor version, stays readable. RespectRequiredConstructorParameters alone would refuse it.
    // Enums are read by name only (WireEnumConverter); every enum of the contracts is listed here.
    private static readonly JsonSerializerOptions ReadOptions = new(ContractsJsonContext.Default.Options)
    {
        TypeInfoResolver = ContractsJsonContext.Default.WithAddedModifier(NullableParametersAreOptional),
        Converters = { new WireEnumConverter<Phase>(), new WireEnumConverter<PresenceState>(), new WireEnumConverter<ObjectHealthState>() },
    };

    private static void NullableParametersAreOptional(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired && property.AssociatedParameter is { IsNullable: true })
                property.IsRequired = false;
        }
    }

    private static ParseResult<T> ClassifyDeserializationError<T>(JsonException e) where T : class
    {
        // System.Text.Json reports absent required constructor parameters with this wording; anything
        // else (wrong type, null where null is not allowed, unknown enum name) is an invalid field.
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
        return e.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? ParseResult<T>.Fail(WireErrorCode.MissingField, $"a required field is missing{where}: {e.Message}")
            : ParseResult<T>.Fail(WireErrorCode.InvalidField, $"a field is invalid{where}: {e.Message}");
    }

    private static ParseResult<IClusterMessage> Widen<T>(ParseResult<T> result) where T : class, IClusterMessage =>
        new(result.Message, result.Error);

    private static ParseResult<T> Fail<T>(WireErrorCode code, string message) where T : class => ParseResult<T>.Fail(code, message);

    private static JsonTypeInfo<T> TypeInfo<T>() where T : class, IClusterMessage =>
        (JsonTypeInfo<T>)(ContractsJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a wire contract"));
}
