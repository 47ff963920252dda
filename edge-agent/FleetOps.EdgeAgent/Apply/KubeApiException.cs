using System.Net;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>An API server error the caller cannot handle in place (server unreachable, 5xx, forbidden).</summary>
public sealed class KubeApiException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
