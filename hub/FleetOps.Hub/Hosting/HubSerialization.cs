using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Orleans.Serialization;

namespace FleetOps.Hub.Hosting;

/// <summary>
/// Lets grains take and keep the shared wire and API records as they are: Orleans serializes types from
/// FleetOps.Shared with System.Text.Json and their own source-generated contexts, so there is one
/// definition of each message and no mirror types to drift. Hub-owned types use Orleans' generated codecs.
/// </summary>
internal static class HubSerialization
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractsJsonContext.Default, ApiJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static ISerializerBuilder AddHubSerialization(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(IsShared, Json);

    private static bool IsShared(Type type) => type.Namespace?.StartsWith("FleetOps.Shared", StringComparison.Ordinal) == true;
}
