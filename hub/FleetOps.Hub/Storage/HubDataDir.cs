using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using FleetOps.Shared.Files;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Storage;

/// <summary>
/// The hub's data dir holds the admin token, every cluster's token hash, state and journal: its owner's only
/// (<see cref="PrivateDirectory"/>: the folder 0700, these files 0600). Whoever opens it first at start (the
/// admin token or the database) tightens what was looser and says so in one line.
/// </summary>
internal static class HubDataDir
{
    private static readonly string[] PrivateFiles =
        [HubDatabase.FileName, PrivateDirectory.LiteDbLog(HubDatabase.FileName), AdminToken.FileName];

    /// <summary>Creates or tightens the data dir; returns its full path.</summary>
    public static string Secure(HubOptions options, ILogger logger)
    {
        var path = options.FullDataDir;
        if (PrivateDirectory.Secure(path, PrivateFiles) is [_, ..] loosened)
            logger.LogWarning("The hub's data dir was readable by others; made it its owner's only: {Paths}", string.Join(", ", loosened));
        return path;
    }

    /// <summary>After a library created files in it (LiteDB takes the umask), gives them the same modes, quietly.</summary>
    public static void SecureCreatedFiles(HubOptions options) => PrivateDirectory.Secure(options.FullDataDir, PrivateFiles);
}
