using System.Text.Json;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Storage;

/// <summary>An event's <c>changes</c> kept as the wire's JSON in either journal store: one column or field, read back as sent.</summary>
internal static class JournalChanges
{
    public static string? Write(IReadOnlyList<ObjectChange>? changes) =>
        changes is null ? null : JsonSerializer.Serialize(changes, ContractsJsonContext.Default.IReadOnlyListObjectChange);

    public static IReadOnlyList<ObjectChange>? Read(string? json)
    {
        if (json is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize(json, ContractsJsonContext.Default.IReadOnlyListObjectChange);
        }
        catch (JsonException)
        {
            // A damaged record loses its diff, never the event: the detail still says what was written.
            return null;
        }
    }
}
