using FleetOps.EdgeAgent.State;
using LiteDB;

namespace FleetOps.Testing.Disks;

/// <summary>The agent's LiteDB file on a <see cref="PowerCutDisk"/>: what was not flushed is lost at a cut.</summary>
public sealed class PowerCutStateFileOpener(PowerCutDisk disk) : IStateFileOpener
{
    public StateFile Open(string path)
    {
        // Through the agent's own wrapper: what it flushes, and when, is what is under test.
        var data = new SyncedFileStream(disk.Open(Path.GetFileName(path)));
        var log = new SyncedFileStream(disk.Open(Path.GetFileName(StateFileOpener.LogPath(path))));
        return new StateFile(new LiteDatabase(data, logStream: log), data, log);
    }

    public void Probe(string folder)
    {
    }
}
