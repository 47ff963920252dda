namespace FleetOps.EdgeAgent.Source;

/// <summary>A repository tree written to a temporary folder for the renderer; deleted on dispose.</summary>
public sealed class MaterializedTree(string root, string revision) : IDisposable
{
    public string Root { get; } = root;

    public string Revision { get; } = revision;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
                Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is swept at the next start (GitCache clears its tmp folder).
        }
    }
}
