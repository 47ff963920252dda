using System.Text.Json.Serialization;

namespace FleetOps.Shared.Contracts;

/// <summary>On the wire as <c>online</c> / <c>offline</c>, the words DESIGN.md and operators use.</summary>
public enum PresenceState
{
    [JsonStringEnumMemberName("online")]
    Online,

    [JsonStringEnumMemberName("offline")]
    Offline,
}
