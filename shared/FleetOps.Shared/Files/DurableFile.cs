namespace FleetOps.Shared.Files;

/// <summary>Takes a file another stream of this process writes (LiteDB's own) to the disk: contents, length and all.</summary>
public static class DurableFile
{
    /// <summary>
    /// fsync on a handle of our own: it flushes the file, not the handle, so it covers what LiteDB's handle wrote. A file
    /// that does not exist has nothing to flush.
    /// </summary>
    public static void Sync(string path)
    {
        if (!File.Exists(path))
            return;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        file.Flush(flushToDisk: true);
    }
}
