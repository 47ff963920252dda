using System.Text.Json.Serialization;

namespace FleetOps.Cli.Waiting;

/// <summary><c>fleetops wait -o json</c>, written the way the API records are: camelCase, enums as names, indented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(WaitReport))]
[JsonSerializable(typeof(RemovalWaitReport))]
internal sealed partial class WaitJsonContext : JsonSerializerContext;
