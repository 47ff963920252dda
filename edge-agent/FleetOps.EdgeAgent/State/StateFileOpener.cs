using LiteDB;

namespace FleetOps.EdgeAgent.State;

/// <summary>
/// The agent's LiteDB file (<c>agent.db</c> and its log <c>agent-log.db</c>, LiteDB's own names) on file streams the
/// agent owns (see <see cref="StateFile"/>), each opened exclusively: the agent is the only process that opens them.
/// </summary>
public sealed class StateFileOpener : IStateFileOpener
{
    public static readonly StateFileOpener Instance = new();

    private const int PageSize = 8192;
    private const string ProbeName = ".fleetops-space-probe";

    public StateFile Open(string path)
    {
        var data = Exclusive(path);
        try
        {
            var log = Exclusive(LogPath(path));
            try
            {
                return new StateFile(new LiteDatabase(data, logStream: log), data, log);
            }
            catch
            {
                log.Dispose();
                throw;
            }
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public void Probe(string folder)
    {
        var probe = Path.Combine(folder, ProbeName);
        try
        {
            using var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            // A few pages, written through to the disk: about what writing back a held journal takes first.
            file.Write(new byte[PageSize * 8]);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>LiteDB's name for a data file's log: <c>agent.db</c> → <c>agent-log.db</c>.</summary>
    public static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static SyncedFileStream Exclusive(string path) =>
        new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, PageSize, FileOptions.RandomAccess));
}
