using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// The one git watcher of a cluster of silos (key <see cref="Key"/>): the silo this grain lives on polls the
/// fleet-config repository, and no other does. Every silo pings it, so when its silo is lost the next ping
/// activates it on a survivor, which then polls; a refresh from any silo's API runs there.
/// </summary>
internal interface ISourceWatchGrain : IGrainWithStringKey
{
    const string Key = "source";

    /// <summary>Activates the grain (and so the watch) if no silo holds it.</summary>
    Task PingAsync();

    /// <summary>Polls now on the watching silo and returns that poll's outcome.</summary>
    [ResponseTimeout("00:10:00")]
    Task<RefreshResult> RefreshAsync();
}
