namespace FleetOps.EdgeAgent.State;

/// <summary>
/// Opens the agent's LiteDB file and tells whether its folder has room. Production: <see cref="StateFileOpener"/>.
/// A seam so that a test that cannot mount a small file system can still make the file fail where a full disk does.
/// </summary>
public interface IStateFileOpener
{
    StateFile Open(string path);

    /// <summary>Throws (an IOException, as the disk would) unless a small write in <paramref name="folder"/> reaches the disk.</summary>
    void Probe(string folder);
}
