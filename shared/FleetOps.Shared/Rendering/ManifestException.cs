namespace FleetOps.Shared.Rendering;

/// <summary>A problem inside one YAML document, with the line it is on; caught per document and reported, never leaked.</summary>
internal sealed class ManifestException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
