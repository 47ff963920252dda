using System.Text.Json.Serialization;

namespace FleetOps.EdgeAgent.Local;

/// <summary>Source-generated JSON for the control socket and <c>-o json</c> (the agent is trimmed on publish).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(LocalRequest))]
[JsonSerializable(typeof(LocalStatus))]
[JsonSerializable(typeof(LocalHistory))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
