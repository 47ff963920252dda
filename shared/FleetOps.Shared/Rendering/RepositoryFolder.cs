namespace FleetOps.Shared.Rendering;

/// <summary>A group's folder, checked to be inside the repository; both full paths have every symbolic link resolved.</summary>
internal sealed record RepositoryFolder(string RootFullPath, string FullPath, string RelativePath)
{
    /// <summary>A full path inside the repository as a '/'-separated path relative to its root, as messages show it.</summary>
    public string Relative(string fullPath) =>
        fullPath == RootFullPath ? "." : Path.GetRelativePath(RootFullPath, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
