using System.Text.Json.Serialization;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// Source-generated serialization for the wire contracts: no reflection at run time (trimmed,
/// single-file agent), and required/nullable rules enforced by the serializer itself.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DesiredMessage))]
[JsonSerializable(typeof(HelloMessage))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(JournalMessage))]
[JsonSerializable(typeof(AckMessage))]
[JsonSerializable(typeof(PresenceMessage))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
