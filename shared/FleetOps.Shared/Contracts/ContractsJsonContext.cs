using System.Text.Json.Serialization;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// Source-generated serialization for the wire contracts: no reflection at run time (trimmed,
/// single-file agent), and required/nullable rules enforced by the serializer itself. Nulls are
/// written out (<c>"message": null</c>) because every constructor parameter is required when read:
/// omitting them made a status with no applied revision unreadable by its own codec and store.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DesiredMessage))]
[JsonSerializable(typeof(HelloMessage))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(JournalMessage))]
[JsonSerializable(typeof(AckMessage))]
[JsonSerializable(typeof(PresenceMessage))]
[JsonSerializable(typeof(IReadOnlyList<ObjectChange>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
