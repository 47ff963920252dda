using FleetOps.Hub.Grains.Abstractions;

namespace FleetOps.Hub.Grains;

[GenerateSerializer]
internal sealed class CredentialOutboxState
{
    [Id(0)] public Dictionary<string, PendingCredential> Pending { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public long LastSeq { get; set; }
}
