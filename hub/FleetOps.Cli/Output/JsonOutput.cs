using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>-o json</c>: the hub's API records exactly as the shared <see cref="ApiJsonContext"/> writes them,
/// indented, so scripts read the same field names as the API and nothing is lost in translation.
/// </summary>
public static class JsonOutput
{
    public static readonly ApiJsonContext Api = new(new JsonSerializerOptions(ApiJsonContext.Default.Options) { WriteIndented = true });

    public static void Write<T>(TextWriter stdout, T value, JsonTypeInfo<T> type)
    {
        stdout.Write(JsonSerializer.Serialize(value, type));
        stdout.Write('\n');
    }
}
