namespace FleetOps.EdgeAgent.Tests.Support;

/// <summary>A fresh folder under the system temp dir, deleted (with everything in it) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "fleetops-agent-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    // A child process killed by a test may still hold files for a moment: poll until the folder is gone, with a deadline.
    public void Dispose() => SpinWait.SpinUntil(TryDelete, TimeSpan.FromSeconds(2));

    private bool TryDelete()
    {
        try
        {
            if (!Directory.Exists(Path))
                return true;
            // Git object files are read-only; make them deletable first.
            foreach (var f in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
