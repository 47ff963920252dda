using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// Reads an enum on the wire by exactly one of its names (as written, <see cref="JsonStringEnumMemberNameAttribute"/>
/// included; case is not significant) and nothing else: System.Text.Json's own converter also takes numbers,
/// numeric strings and comma lists, so <c>"phase": 99</c> became a value no reader could handle, was stored,
/// and broke every answer about that cluster. Writes the name; an undefined value cannot be written.
/// </summary>
internal sealed class WireEnumConverter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] TEnum>
    : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Names().ToDictionary(n => n.Name, n => n.Value, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<TEnum, string> ByValue = Names().ToDictionary(n => n.Value, n => n.Name);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"must be one of {Expected()} as a string, not a {reader.TokenType}");
        var text = reader.GetString()!;
        return ByName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not one of {Expected()}");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByValue.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{typeof(TEnum).Name} {value} has no name on the wire"));

    private static string Expected() => string.Join(", ", ByValue.Values);

    private static IEnumerable<(string Name, TEnum Value)> Names() =>
        typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field =>
            (field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name, (TEnum)field.GetValue(null)!));
}
