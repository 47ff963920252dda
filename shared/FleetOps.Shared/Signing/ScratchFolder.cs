namespace FleetOps.Shared.Signing;

/// <summary>A private folder (mode 0700) for one check's files: the signature, the signed data, the keyring. Deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    public static ScratchFolder Create(string parent)
    {
        Directory.CreateDirectory(parent);
        var path = System.IO.Path.Combine(parent, $"verify-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ScratchFolder(path);
    }

    public string Write(string name, byte[] content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only public keys and a public commit are in it; the next check uses a folder of its own.
        }
    }
}
