namespace FleetOps.Hub.Grains;

[GenerateSerializer]
internal sealed class DirectoryState
{
    [Id(0)] public Dictionary<string, Registration> Clusters { get; set; } = new(StringComparer.Ordinal);
}
