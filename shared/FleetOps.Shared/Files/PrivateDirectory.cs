namespace FleetOps.Shared.Files;

/// <summary>
/// A data dir holding tokens, state and journals, readable by its owner only: the folder 0700, its files 0600.
/// Created so, and tightened when found looser (a data dir made by an older version, or copied with its modes).
/// LiteDB creates its files with the process umask, so a caller sets their modes again once it has opened them;
/// in a 0700 folder nobody else could reach them meanwhile. Nothing to do on Windows, where ACLs decide.
/// </summary>
public static class PrivateDirectory
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> as 0700 or tightens it, and tightens those of <paramref name="fileNames"/>
    /// that exist in it to 0600; returns the paths that had looser modes, for the caller to say so once.
    /// </summary>
    public static IReadOnlyList<string> Secure(string path, params IEnumerable<string> fileNames)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return [];
        }
        var loosened = new List<string>();
        if (!Directory.Exists(path))
            Directory.CreateDirectory(path, FolderMode);
        else if (Tighten(path, FolderMode))
            loosened.Add(path);
        foreach (var name in fileNames)
        {
            var file = Path.Combine(path, name);
            if (File.Exists(file) && Tighten(file, FileMode))
                loosened.Add(file);
        }
        return loosened;
    }

    /// <summary>
    /// Creates an empty 0600 file unless it exists: for a file a library creates later with the umask's modes
    /// (LiteDB's write-ahead log appears at the first write, after the database was opened and its modes set).
    /// </summary>
    public static void CreateFile(string folder, string fileName)
    {
        var create = new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = FileMode;
        using var _ = new FileStream(Path.Combine(folder, fileName), create);
    }

    /// <summary>The write-ahead log LiteDB keeps beside <paramref name="fileName"/> (<c>hub.db</c> → <c>hub-log.db</c>).</summary>
    public static string LiteDbLog(string fileName) =>
        $"{Path.GetFileNameWithoutExtension(fileName)}-log{Path.GetExtension(fileName)}";

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool Tighten(string path, UnixFileMode mode)
    {
        if (File.GetUnixFileMode(path) == mode)
            return false;
        File.SetUnixFileMode(path, mode);
        return true;
    }
}
