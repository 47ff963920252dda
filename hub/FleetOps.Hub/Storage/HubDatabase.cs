using FleetOps.Hub.Hosting;
using LiteDB;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Storage;

/// <summary>
/// The one LiteDB file in the data dir (<c>hub.db</c>), shared by grain storage and the journal. LiteDB
/// in direct mode is thread-safe within one process and locks the file against a second hub.
/// </summary>
public sealed class HubDatabase : IDisposable
{
    public const string FileName = "hub.db";

    public HubDatabase(IOptions<HubOptions> options)
    {
        Directory.CreateDirectory(options.Value.FullDataDir);
        Database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(options.Value.FullDataDir, FileName),
            Connection = ConnectionType.Direct,
        });
    }

    public LiteDatabase Database { get; }

    public void Dispose() => Database.Dispose();
}
