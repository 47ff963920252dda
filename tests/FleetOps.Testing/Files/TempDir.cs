namespace FleetOps.Testing.Files;

/// <summary>
/// A fresh folder under the system temp dir, deleted with everything in it on dispose. Deleting polls
/// with a deadline: a child process a test killed, or a host still closing LiteDB, may hold a file for a moment.
/// </summary>
/// <param name="parent">Where to make it; the system temp dir unless given.</param>
public sealed class TempDir(string prefix = "fleetops-test", string? parent = null) : IDisposable
{
    private static readonly TimeSpan DeleteDeadline = TimeSpan.FromSeconds(5);

    public string Path { get; } = Create(parent ?? System.IO.Path.GetTempPath(), prefix);

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Sub(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file inside the folder, creating its parent folders; returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = Sub(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    // A folder that will not go within the deadline stays behind for the OS to clean: it must not fail the test.
    public void Dispose() => SpinWait.SpinUntil(TryDelete, DeleteDeadline);

    private static string Create(string parent, string prefix)
    {
        var path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private bool TryDelete()
    {
        try
        {
            if (!Directory.Exists(Path))
                return true;
            // Git object files are read-only; make them deletable first.
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
