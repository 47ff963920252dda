using System.Net;

namespace FleetOps.Testing.Git;

/// <summary>A git server over a real network transport, serving every repository under <see cref="BasePath"/>.</summary>
public interface IGitServer : IAsyncDisposable
{
    string BasePath { get; }

    IPEndPoint EndPoint { get; }

    /// <summary>The URL of the repository at <paramref name="repositoryPath"/> (under <see cref="BasePath"/>), on <paramref name="port"/> (a relay's, say) or the server's own.</summary>
    string UrlOf(string repositoryPath, int? port = null);
}
