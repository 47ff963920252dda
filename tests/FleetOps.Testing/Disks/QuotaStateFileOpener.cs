using FleetOps.EdgeAgent.State;
using LiteDB;

namespace FleetOps.Testing.Disks;

/// <summary>
/// The agent's LiteDB file (data and log) on the ordinary disk, through streams that refuse to grow while
/// <see cref="Full"/> is set, so LiteDB meets the IOException a full disk raises in the same place: its log writer.
/// </summary>
internal sealed class QuotaStateFileOpener : IStateFileOpener
{
    public volatile bool Full;

    public StateFile Open(string path)
    {
        var data = Stream(path);
        var log = Stream(StateFileOpener.LogPath(path));
        return new StateFile(new LiteDatabase(data, logStream: log), data, log);
    }

    public void Probe(string folder)
    {
        if (Full)
            throw new IOException($"No space left on device : '{folder}'", FullDiskStream.NoSpace);
    }

    private FullDiskStream Stream(string path) =>
        new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), () => Full);
}
