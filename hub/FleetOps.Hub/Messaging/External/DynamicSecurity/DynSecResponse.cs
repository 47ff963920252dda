using System.Text.Json.Nodes;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>One command's answer: its name, the plugin's error text (none on success) and, for reads, the data.</summary>
internal sealed record DynSecResponse(string Command, string? Error, JsonObject? Data)
{
    public bool Succeeded => Error is null;
}
